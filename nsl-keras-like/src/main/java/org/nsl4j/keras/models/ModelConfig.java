package org.nsl4j.keras.models;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.layers.Layer;

/**
 * The Keras config of a Sequential or functional model, in the layout Keras's {@code get_config}
 * writes and the Keras importer reads: the model's name, its layers as {@code {"class_name",
 * "config"}} entries (nested models by their own layer graph) and, for a functional model, each
 * layer's {@code inbound_nodes} ({@code [["layer", node, tensor, {}], ...]} per call) and the
 * model's {@code input_layers} and {@code output_layers}.
 */
final class ModelConfig {

  static final String SEQUENTIAL = "Sequential";
  static final String FUNCTIONAL = "Functional";

  private ModelConfig() {}

  /** {@code {"class_name": ..., "config": ...}} of a layer as a model config lists it. */
  static Map<String, Object> entry(Layer layer) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("class_name", layer instanceof Model m ? m.kerasClassName() : layer.className());
    entry.put("config", layer.getConfig());
    return entry;
  }

  /** A Sequential model's config: its InputLayer, then its stack. */
  static Map<String, Object> sequential(Model model, List<Layer> stack) {
    List<Object> layers = new ArrayList<>();
    layers.add(entry(model.inputLayer()));
    stack.forEach(l -> layers.add(entry(l)));
    Map<String, Object> config = header(model);
    config.put("layers", layers);
    return config;
  }

  /** A functional model's config: every layer once, with one inbound node per call. */
  static Map<String, Object> functional(Model model, FunctionalGraph graph) {
    Map<Object, List<Object>> produced = new IdentityHashMap<>();
    Map<Layer, Map<String, Object>> entries = new IdentityHashMap<>();
    List<Object> layers = new ArrayList<>();
    for (KerasTensor in : graph.inputs()) {
      layers.add(withNodes(in.layer(), entries));
      produced.put(in.node(), List.of(in.layer().name(), 0));
    }
    Map<Layer, Integer> calls = new IdentityHashMap<>();
    for (KerasTensor call : graph.calls()) {
      Map<String, Object> entry = entries.get(call.layer());
      if (entry == null) {
        entry = withNodes(call.layer(), entries);
        layers.add(entry);
      }
      List<Object> node = new ArrayList<>();
      call.inputs().forEach(t -> node.add(ref(produced, t, true)));
      inboundNodes(entry).add(node);
      produced.put(call.node(), List.of(call.layer().name(), nodeIndex(call.layer(), calls)));
    }
    Map<String, Object> config = header(model);
    config.put("layers", layers);
    config.put("input_layers", graph.inputs().stream().map(t -> ref(produced, t, false)).toList());
    config.put("output_layers",
        graph.outputs().stream().map(t -> ref(produced, t, false)).toList());
    return config;
  }

  /**
   * The node index of the next call of {@code layer}: its call count, from 1 for a nested model,
   * whose node 0 is its own graph in Keras 2's numbering.
   */
  private static int nodeIndex(Layer layer, Map<Layer, Integer> calls) {
    return calls.merge(layer, 1, Integer::sum) - (layer instanceof Model ? 0 : 1);
  }

  private static Map<String, Object> header(Model model) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", model.name());
    config.put("trainable", model.isTrainable());
    return config;
  }

  private static Map<String, Object> withNodes(Layer layer, Map<Layer, Map<String, Object>> all) {
    Map<String, Object> entry = entry(layer);
    entry.put("name", layer.name());
    entry.put("inbound_nodes", new ArrayList<>());
    all.put(layer, entry);
    return entry;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> inboundNodes(Map<String, Object> entry) {
    return (List<Object>) entry.get("inbound_nodes");
  }

  /** {@code ["layer", node, tensor]}, with Keras 2's empty call kwargs in inbound nodes. */
  private static List<Object> ref(Map<Object, List<Object>> produced, KerasTensor t,
      boolean inbound) {
    List<Object> ref = new ArrayList<>(produced.get(t.node()));
    ref.add(t.index());
    if (inbound) {
      ref.add(Map.of());
    }
    return ref;
  }
}
