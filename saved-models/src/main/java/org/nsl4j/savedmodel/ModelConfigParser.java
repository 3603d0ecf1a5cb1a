package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a Keras model config ({@code {"class_name": "Functional", "config": {...}}}) into a
 * {@link ModelSpec}, nested models included: Keras 2 and Keras 3 layouts, Sequential with or
 * without an InputLayer, Functional graphs with any inbound nodes.
 */
final class ModelConfigParser {

  /** Config class names of models that can be nested as layers. */
  static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");

  private final String origin;
  private final String kerasVersion;

  private ModelConfigParser(String origin, String kerasVersion) {
    this.origin = origin;
    this.kerasVersion = kerasVersion;
  }

  /**
   * The model described by {@code modelConfig}; {@code origin} names where it came from and
   * {@code kerasVersion} is the Keras version that wrote it (empty when unknown).
   */
  static ModelSpec parse(JsonNode modelConfig, String origin, String kerasVersion) {
    return new ModelConfigParser(origin, kerasVersion).model(modelConfig);
  }

  private ModelSpec model(JsonNode modelConfig) {
    String className = modelConfig.path("class_name").asText("");
    JsonNode config = modelConfig.path("config");
    return switch (className) {
      case "Sequential" -> sequential(config);
      case "Functional", "Model" -> functional(className, config);
      default -> throw new SavedModelException("the Keras model in " + origin + " is a "
          + className + "; only Sequential and Functional models can be rebuilt");
    };
  }

  private LayerSpec layer(JsonNode layer, List<List<TensorRef>> calls) {
    LayerConfig config = LayerConfig.of(layer).withKerasVersion(kerasVersion);
    if (config.name().isEmpty()) {
      throw new SavedModelException("a " + config.className() + " layer in " + origin
          + " has no name");
    }
    ModelSpec nested = MODEL_CLASSES.contains(config.className()) ? model(layer) : null;
    return new LayerSpec(config, nested, calls);
  }

  private ModelSpec sequential(JsonNode config) {
    JsonNode list = config.isArray() ? config : config.path("layers");
    List<LayerSpec> layers = new ArrayList<>();
    list.forEach(l -> layers.add(layer(l, List.of())));
    String name = config.path("name").asText("sequential");
    if (layers.isEmpty()) {
      throw new SavedModelException("the Sequential model '" + name + "' in " + origin
          + " has no layers");
    }
    LayerSpec input = null;
    if (layers.get(0).isInput()) {
      input = layers.remove(0);
    } else {
      input = impliedInput(layers.get(0), config.path("build_input_shape"));
    }
    return new ModelSpec("Sequential", name, config.path("trainable").asBoolean(true), layers,
        input, List.of(), List.of(), false);
  }

  /**
   * The InputLayer a Sequential model without one implies: from its first layer's {@code
   * batch_input_shape} (Keras 2) or {@code batch_shape}, else the model's {@code
   * build_input_shape}, else the first layer's {@code build_config}; null when none is given.
   */
  private static LayerSpec impliedInput(LayerSpec first, JsonNode buildInputShape) {
    JsonNode shape = null;
    for (String field : List.of("batch_input_shape", "batch_shape")) {
      if (first.config().has(field)) {
        shape = first.config().config().path(field);
      }
    }
    if (shape == null && !buildInputShape.isMissingNode() && !buildInputShape.isNull()) {
      shape = buildInputShape;
    }
    JsonNode built = first.config().config().path("build_config").path("input_shape");
    if (shape == null && !built.isMissingNode() && !built.isNull()) {
      shape = built;
    }
    if (shape == null) {
      return null;
    }
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("name", first.name() + "_input");
    config.set("batch_input_shape", shape);
    if (first.config().has("dtype") && first.config().config().path("dtype").isTextual()) {
      config.set("dtype", first.config().config().path("dtype"));
    }
    return new LayerSpec(new LayerConfig("InputLayer", "", "", first.name() + "_input", config),
        null, List.of());
  }

  private ModelSpec functional(String className, JsonNode config) {
    String name = config.path("name").asText("model");
    if (!config.path("layers").isArray()) {
      throw new SavedModelException("the Functional model '" + name + "' in " + origin
          + " has no 'layers' list");
    }
    InboundNodes nodes = new InboundNodes(name, origin);
    List<LayerSpec> layers = new ArrayList<>();
    for (JsonNode l : config.path("layers")) {
      layers.add(layer(l, nodes.calls(l)));
    }
    List<TensorRef> inputs = nodes.endpoints(config.path("input_layers"), "input_layers");
    List<TensorRef> outputs = nodes.endpoints(config.path("output_layers"), "output_layers");
    return new ModelSpec(className, name, config.path("trainable").asBoolean(true), layers, null,
        inputs, outputs, nodes.sawKeras3());
  }
}
