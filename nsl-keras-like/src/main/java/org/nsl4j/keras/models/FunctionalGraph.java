package org.nsl4j.keras.models;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The layer graph of a functional model: a directed acyclic graph of layer calls from the model's
 * inputs to its outputs. It checks that every output is computed from the given inputs and replays
 * the calls on real tensors, each call once per replay.
 */
final class FunctionalGraph {

  private final List<KerasTensor> inputs;
  private final List<KerasTensor> outputs;
  /** Every layer call, inputs before the calls that use them. */
  private final List<KerasTensor> calls = new ArrayList<>();

  private FunctionalGraph(List<KerasTensor> inputs, List<KerasTensor> outputs) {
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  /** The graph from {@code inputs} (each from {@code Input.of}) to {@code outputs}. */
  static FunctionalGraph of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("a functional model needs at least one input and one"
          + " output, got " + inputs.size() + " inputs and " + outputs.size() + " outputs");
    }
    Map<Object, Boolean> given = new IdentityHashMap<>();
    for (KerasTensor in : inputs) {
      if (in == null || !in.isInput()) {
        throw new IllegalArgumentException("model inputs must come from Input.of(...)");
      }
      if (given.put(in.node(), true) != null) {
        throw new IllegalArgumentException(
            "input '" + in.layer().name() + "' is given twice as a model input");
      }
    }
    FunctionalGraph g = new FunctionalGraph(inputs, outputs);
    Map<Object, Boolean> visited = new IdentityHashMap<>();
    for (KerasTensor out : outputs) {
      g.visit(out, given, visited);
    }
    return g;
  }

  private void visit(KerasTensor t, Map<Object, Boolean> given, Map<Object, Boolean> visited) {
    if (t.isInput()) {
      if (!given.containsKey(t.node())) {
        throw new IllegalArgumentException("graph disconnected: an output needs input '"
            + t.layer().name() + "', which is not among the model's inputs");
      }
      return;
    }
    if (visited.put(t.node(), true) != null) {
      return;
    }
    for (KerasTensor in : t.inputs()) {
      visit(in, given, visited);
    }
    calls.add(t);
  }

  /** The model inputs, in order. */
  List<KerasTensor> inputs() {
    return inputs;
  }

  /** The model outputs, in order. */
  List<KerasTensor> outputs() {
    return outputs;
  }

  /** Every layer call, each after the calls whose outputs it takes. */
  List<KerasTensor> calls() {
    return calls;
  }

  /** The input layers, in order. */
  List<InputLayer> inputLayers() {
    return inputs.stream().map(t -> (InputLayer) t.layer()).toList();
  }

  /** The names of the layers producing the outputs. */
  List<String> outputNames() {
    return outputs.stream().map(t -> t.layer().name()).toList();
  }

  /** Whether the graph is one chain of single-input, single-output calls. */
  boolean isChain() {
    if (inputs.size() != 1 || outputs.size() != 1) {
      return false;
    }
    Object previous = inputs.get(0).node();
    for (KerasTensor call : calls) {
      if (call.inputs().size() != 1 || call.inputs().get(0).node() != previous) {
        return false;
      }
      previous = call.node();
    }
    return true;
  }

  /**
   * What feeds each layer, as Keras's summary shows it: {@code name[call][output]} of every
   * tensor a layer was called on, its calls in order.
   */
  Map<Layer, List<String>> inboundNames() {
    Map<Object, String> names = new IdentityHashMap<>();
    Map<Layer, Integer> callCount = new IdentityHashMap<>();
    for (KerasTensor in : inputs) {
      names.put(in.node(), in.layer().name() + "[0]");
    }
    Map<Layer, List<String>> inbound = new LinkedHashMap<>();
    for (KerasTensor call : calls) {
      List<String> from = inbound.computeIfAbsent(call.layer(), l -> new ArrayList<>());
      call.inputs().forEach(t -> from.add(names.get(t.node()) + "[" + t.index() + "]"));
      int n = callCount.merge(call.layer(), 1, Integer::sum) - 1;
      names.put(call.node(), call.layer().name() + "[" + n + "]");
    }
    return inbound;
  }

  /** Replays every call on {@code xs} (one tensor per input), giving the outputs. */
  List<Operand<TFloat32>> replay(List<Operand<TFloat32>> xs, boolean training) {
    if (xs.size() != inputs.size()) {
      throw new IllegalArgumentException(
          "the model takes " + inputs.size() + " inputs, got " + xs.size());
    }
    Map<Object, List<Operand<TFloat32>>> values = new IdentityHashMap<>();
    for (int i = 0; i < xs.size(); i++) {
      values.put(inputs.get(i).node(), List.of(xs.get(i)));
    }
    for (KerasTensor call : calls) {
      if (!values.containsKey(call.node())) {
        List<Operand<TFloat32>> in = call.inputs().stream()
            .map(t -> values.get(t.node()).get(t.index())).toList();
        values.put(call.node(), call.layer().applyAll(in, training));
      }
    }
    return outputs.stream().map(t -> values.get(t.node()).get(t.index())).toList();
  }
}
