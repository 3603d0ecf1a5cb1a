package org.nsl4j.savedmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Input;
import org.nsl4j.keras.models.KerasTensor;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;

/**
 * Makes the Keras-like model a {@link ModelSpec} describes, as Keras's {@code
 * functional_from_config}: creates every layer (nested models recursively), then replays the
 * recorded calls in config order, postponing a call until the tensors it takes exist, so that
 * branches, merges, shared layers and nested models come out as in Python.
 */
final class GraphBuilder {

  private final LayerRegistry registry;
  private final String origin;
  private final Map<LayerSpec, Layer> built = new IdentityHashMap<>();

  GraphBuilder(LayerRegistry registry, String origin) {
    this.registry = registry;
    this.origin = origin;
  }

  /** Each spec's rebuilt layer (nested models included; InputLayers of graphs have none). */
  Map<LayerSpec, Layer> built() {
    return built;
  }

  /** The (unbuilt) model of {@code spec}. */
  Model model(ModelSpec spec) {
    return spec.isSequential() ? sequential(spec) : functional(spec);
  }

  private Layer layer(LayerSpec spec) {
    Layer layer;
    try {
      layer = spec.nested() != null ? model(spec.nested()) : registry.create(spec.config());
    } catch (UnknownLayerException e) {
      throw e.getMessage().startsWith(origin) ? e : e.in(origin);
    } catch (SavedModelException e) {
      throw e.getMessage().contains(origin) ? e
          : new SavedModelException(origin + ": " + e.getMessage(), e);
    }
    if (!spec.trainable() || spec.nested() != null && !spec.nested().trainable()) {
      layer.setTrainable(false);
    }
    built.put(spec, layer);
    return layer;
  }

  private Model sequential(ModelSpec spec) {
    List<Layer> stack = new ArrayList<>();
    if (spec.sequentialInput() != null) {
      stack.add(new InputLayer(spec.sequentialInput().name(),
          KerasShapes.exampleShape(spec.sequentialInput().config())));
    }
    spec.layers().forEach(l -> stack.add(layer(l)));
    return new Sequential(spec.name(), stack);
  }

  private Model functional(ModelSpec spec) {
    Map<String, LayerSpec> byName = new HashMap<>();
    Map<String, List<List<KerasTensor>>> outputs = new HashMap<>();
    for (LayerSpec l : spec.layers()) {
      if (byName.put(l.name(), l) != null) {
        throw error(spec, "two layers are named '" + l.name() + "'");
      }
      List<List<KerasTensor>> produced = new ArrayList<>();
      if (l.isInput()) {
        produced.add(List.of(Input.of(l.name(), KerasShapes.exampleShape(l.config()))));
      } else {
        layer(l);
      }
      outputs.put(l.name(), produced);
    }
    new CallReplay(spec, byName, outputs).run();
    List<KerasTensor> inputs = new ArrayList<>();
    for (TensorRef ref : spec.inputs()) {
      KerasTensor t = tensor(spec, byName, outputs, ref, true);
      if (t == null || !t.isInput()) {
        throw error(spec, "input " + ref + " is not an InputLayer");
      }
      inputs.add(t);
    }
    List<KerasTensor> results = new ArrayList<>();
    for (TensorRef ref : spec.outputs()) {
      KerasTensor t = tensor(spec, byName, outputs, ref, true);
      if (t == null) {
        throw error(spec, "output " + ref + " refers to a call that does not exist");
      }
      results.add(t);
    }
    try {
      return new Model(inputs, results, spec.name());
    } catch (IllegalArgumentException e) {
      throw error(spec, e.getMessage());
    }
  }

  /** Replays the calls of a functional spec's layers until all are made. */
  private final class CallReplay {
    private final ModelSpec spec;
    private final Map<String, LayerSpec> byName;
    private final Map<String, List<List<KerasTensor>>> outputs;

    CallReplay(ModelSpec spec, Map<String, LayerSpec> byName,
        Map<String, List<List<KerasTensor>>> outputs) {
      this.spec = spec;
      this.byName = byName;
      this.outputs = outputs;
    }

    void run() {
      Map<String, Integer> done = new HashMap<>();
      boolean pending = true;
      while (pending) {
        pending = false;
        boolean progress = false;
        for (LayerSpec l : spec.layers()) {
          int made = done.getOrDefault(l.name(), 0);
          while (!l.isInput() && made < l.calls().size() && call(l, l.calls().get(made))) {
            made++;
            progress = true;
          }
          done.put(l.name(), made);
          pending |= !l.isInput() && made < l.calls().size();
        }
        if (pending && !progress) {
          throw error(spec, "the calls of layers " + unresolved(done) + " take tensors that are"
              + " never computed (a loop, or a reference to a call that does not exist)");
        }
      }
    }

    /** Makes one call of {@code l} if its inputs exist. */
    private boolean call(LayerSpec l, List<TensorRef> refs) {
      List<KerasTensor> in = new ArrayList<>();
      for (TensorRef ref : refs) {
        KerasTensor t = tensor(spec, byName, outputs, ref, false);
        if (t == null) {
          return false;
        }
        in.add(t);
      }
      Layer layer = built.get(l);
      boolean graph = l.nested() != null && !l.nested().isSequential();
      outputs.get(l.name()).add(graph ? ((Model) layer).applyOutputs(in)
          : List.of(layer.apply(in)));
      return true;
    }

    private List<String> unresolved(Map<String, Integer> done) {
      return spec.layers().stream().filter(l -> !l.isInput())
          .filter(l -> done.get(l.name()) < l.calls().size()).map(LayerSpec::name).toList();
    }
  }

  /**
   * The tensor {@code ref} names, or null while its call is not made yet. Keras 2 counts a
   * nested functional model's calls from 1 (call 0 is its own graph); Keras 3 does so only in
   * {@code input_layers} and {@code output_layers}.
   */
  private KerasTensor tensor(ModelSpec spec, Map<String, LayerSpec> byName,
      Map<String, List<List<KerasTensor>>> outputs, TensorRef ref, boolean endpoint) {
    LayerSpec target = byName.get(ref.layer());
    if (target == null) {
      throw error(spec, "it refers to layer '" + ref.layer() + "', which is not among its layers "
          + byName.keySet());
    }
    int call = ref.nodeIndex() - (skipsFirstNode(spec, target, endpoint) ? 1 : 0);
    List<List<KerasTensor>> calls = outputs.get(ref.layer());
    if (call < 0 || call >= target.calls().size() + (target.isInput() ? 1 : 0)) {
      throw error(spec, "it refers to call " + ref.nodeIndex() + " of layer '" + ref.layer()
          + "', which is called " + Math.max(target.calls().size(), target.isInput() ? 1 : 0)
          + " time(s)");
    }
    if (call >= calls.size()) {
      return null;
    }
    List<KerasTensor> out = calls.get(call);
    if (ref.tensorIndex() < 0 || ref.tensorIndex() >= out.size()) {
      throw error(spec, "it refers to output " + ref.tensorIndex() + " of layer '" + ref.layer()
          + "', which has " + out.size());
    }
    return out.get(ref.tensorIndex());
  }

  private static boolean skipsFirstNode(ModelSpec spec, LayerSpec target, boolean endpoint) {
    ModelSpec nested = target.nested();
    if (nested == null) {
      return false;
    }
    if (spec.keras3Nodes()) {
      return endpoint && !nested.isSequential();
    }
    return !nested.isSequential() || nested.sequentialInput() != null;
  }

  private SavedModelException error(ModelSpec spec, String what) {
    return new SavedModelException("the Functional model '" + spec.name() + "' in " + origin
        + ": " + what);
  }
}
