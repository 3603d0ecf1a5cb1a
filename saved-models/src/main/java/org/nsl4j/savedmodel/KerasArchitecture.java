package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Input;
import org.nsl4j.keras.models.KerasTensor;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;

/**
 * The architecture a Keras model config describes, as a chain of layers from one input: a
 * {@code Sequential} model, or a {@code Functional} one whose layers form a linear chain.
 * {@link #build()} makes the matching Keras-like model (untrained).
 */
record KerasArchitecture(String className, String name, String inputName, long[] inputShape,
    List<LayerConfig> layers, String origin) {

  /** Reads a model config; {@code origin} names where it came from, for messages. */
  static KerasArchitecture of(JsonNode modelConfig, String origin) {
    String className = modelConfig.path("class_name").asText("");
    JsonNode config = modelConfig.path("config");
    return switch (className) {
      case "Sequential" -> sequential(config, origin);
      case "Functional", "Model" -> functional(className, config, origin);
      default -> throw new SavedModelException("the Keras model in " + origin + " is a "
          + className + "; only Sequential and Functional models can be rebuilt");
    };
  }

  private static KerasArchitecture sequential(JsonNode config, String origin) {
    JsonNode list = config.isArray() ? config : config.path("layers");
    List<LayerConfig> layers = new ArrayList<>();
    list.forEach(l -> layers.add(LayerConfig.of(l)));
    if (layers.isEmpty()) {
      throw new SavedModelException("the Sequential model in " + origin + " has no layers");
    }
    LayerConfig first = layers.get(0);
    String inputName = first.name() + "_input";
    if (first.className().equals("InputLayer")) {
      inputName = first.name();
      layers.remove(0);
    }
    return new KerasArchitecture("Sequential", config.path("name").asText("sequential"),
        inputName, exampleShape(first, origin), layers, origin);
  }

  private static KerasArchitecture functional(String className, JsonNode config, String origin) {
    Map<String, LayerConfig> byName = new HashMap<>();
    Map<String, List<String>> inbound = new HashMap<>();
    for (JsonNode l : config.path("layers")) {
      LayerConfig layer = LayerConfig.of(l);
      String name = l.path("name").asText(layer.name());
      byName.put(name, layer);
      inbound.put(name, inboundLayers(l.path("inbound_nodes")));
    }
    String input = endpoint(config.path("input_layers"), "input_layers", origin);
    String output = endpoint(config.path("output_layers"), "output_layers", origin);
    List<LayerConfig> chain = new ArrayList<>();
    for (String at = output; !at.equals(input); ) {
      LayerConfig layer = byName.get(at);
      List<String> from = inbound.getOrDefault(at, List.of());
      if (layer == null || from.size() != 1) {
        throw new SavedModelException("the Functional model in " + origin + " is not a linear"
            + " chain: layer '" + at + "' has " + from.size() + " inputs " + from
            + "; only chains of single-input layers can be rebuilt");
      }
      chain.add(layer);
      at = from.get(0);
    }
    Collections.reverse(chain);
    if (chain.size() + 1 != byName.size()) {
      throw new SavedModelException("the Functional model in " + origin + " is not a linear"
          + " chain: " + (byName.size() - chain.size() - 1) + " of its layers are off the path"
          + " from '" + input + "' to '" + output + "'");
    }
    LayerConfig inputLayer = byName.get(input);
    if (inputLayer == null || !inputLayer.className().equals("InputLayer")) {
      throw new SavedModelException(
          "the Functional model in " + origin + " has no InputLayer '" + input + "'");
    }
    return new KerasArchitecture(className, config.path("name").asText("model"), input,
        exampleShape(inputLayer, origin), chain, origin);
  }

  /** The one layer named in {@code input_layers} or {@code output_layers}. */
  private static String endpoint(JsonNode node, String field, String origin) {
    if (node.isArray() && node.size() > 0 && node.get(0).isTextual()) {
      return node.get(0).asText();
    }
    if (node.isArray() && node.size() == 1 && node.get(0).isArray()) {
      return node.get(0).get(0).asText();
    }
    throw new SavedModelException("the Functional model in " + origin + " has " + field + " "
        + node + "; only models with one input and one output can be rebuilt");
  }

  /**
   * Names of the layers feeding a layer: Keras 2 lists {@code [[["name", 0, 0, {}], ...]]}, Keras 3
   * lists {@code [{"args": [{"config": {"keras_history": ["name", 0, 0]}}]}]}.
   */
  private static List<String> inboundLayers(JsonNode nodes) {
    List<String> names = new ArrayList<>();
    for (JsonNode call : nodes) {
      if (call.isArray()) {
        call.forEach(t -> names.add(t.get(0).asText()));
      } else {
        call.findValues("keras_history").forEach(h -> names.add(h.get(0).asText()));
      }
    }
    return names;
  }

  /** The example shape (without the batch) from {@code batch_input_shape} or {@code batch_shape}. */
  private static long[] exampleShape(LayerConfig layer, String origin) {
    String field = layer.has("batch_input_shape") ? "batch_input_shape" : "batch_shape";
    if (!layer.has(field)) {
      throw new SavedModelException("the Keras model in " + origin + " gives no input shape"
          + " (no batch_input_shape on layer '" + layer.name() + "')");
    }
    List<Long> dims = layer.ints(field);
    long[] shape = dims.subList(1, dims.size()).stream().mapToLong(Long::longValue).toArray();
    for (long d : shape) {
      if (d < 1) {
        throw layer.error(field, "known sizes after the batch dimension");
      }
    }
    return shape;
  }

  /** The Keras-like model of this architecture, built, with fresh weights. */
  Model build(LayerRegistry registry) {
    List<Layer> built = layers.stream().map(registry::create).toList();
    Model model;
    if (className.equals("Sequential")) {
      List<Layer> stack = new ArrayList<>();
      stack.add(new InputLayer(inputName, inputShape));
      stack.addAll(built);
      model = new Sequential(name, stack);
    } else {
      KerasTensor input = Input.of(inputName, inputShape);
      KerasTensor x = input;
      for (Layer layer : built) {
        x = layer.apply(x);
      }
      model = new Model(input, x, name);
    }
    try {
      model.build();
    } catch (IllegalArgumentException e) {
      model.close();
      throw new SavedModelException(
          "cannot rebuild the Keras model in " + origin + ": " + e.getMessage(), e);
    }
    checkNormalizedAxes(model);
    return model;
  }

  /** BatchNormalization is rebuilt over the last axis, so its config must name that axis. */
  private void checkNormalizedAxes(Model model) {
    for (LayerConfig c : layers) {
      if (c.className().equals("BatchNormalization") && c.has("axis")) {
        long axis = c.ints("axis").get(0);
        int rank = model.getLayer(c.name()).outputShape().numDimensions();
        if (axis != -1 && axis != rank - 1) {
          model.close();
          throw c.error("axis", "-1 or " + (rank - 1) + " (the last axis)");
        }
      }
    }
  }
}
