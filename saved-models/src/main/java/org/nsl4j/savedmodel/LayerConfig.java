package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a Keras model config ({@code {"class_name": "Conv2D", "config": {...}}}), with
 * typed field accessors whose errors name the layer, the field and what was expected. A {@link
 * LayerFactory} reads its settings from here.
 *
 * @param className the Keras class name, e.g. {@code Conv2D}
 * @param module the Python module of a custom layer (Keras 3 configs), or empty
 * @param registeredName the name a custom layer was registered under, or empty
 * @param name the layer's name
 * @param config the layer's {@code config} object
 * @param kerasVersion the Keras version that wrote the file (e.g. {@code 2.4.0}), or empty when
 *     unknown
 */
public record LayerConfig(String className, String module, String registeredName, String name,
    JsonNode config, String kerasVersion) {

  /** A layer config of unknown Keras version. */
  public LayerConfig(
      String className, String module, String registeredName, String name, JsonNode config) {
    this(className, module, registeredName, name, config, "");
  }

  /** The config of one entry of a model config's {@code layers}. */
  public static LayerConfig of(JsonNode layer) {
    JsonNode config = layer.path("config");
    String name = config.path("name").asText(layer.path("name").asText(""));
    return new LayerConfig(layer.path("class_name").asText(""), layer.path("module").asText(""),
        layer.path("registered_name").asText(""), name, config);
  }

  /** This config, written by Keras {@code version} (the file's {@code keras_version}). */
  public LayerConfig withKerasVersion(String version) {
    return new LayerConfig(className, module, registeredName, name, config,
        version == null ? "" : version);
  }

  /**
   * The major Keras version that wrote this config: from {@link #kerasVersion()} when known, else
   * 3 when the config shows Keras 3 (a {@code DTypePolicy} object as {@code dtype}, or a {@code
   * module}), else 2. Layers whose semantics differ between versions ({@code hard_sigmoid}) use
   * it.
   */
  public int kerasMajorVersion() {
    if (!kerasVersion.isEmpty()) {
      return kerasVersion.startsWith("3") ? 3 : 2;
    }
    return config.path("dtype").isObject() || !module.isEmpty() ? 3 : 2;
  }

  /** An error naming this layer, {@code field}, its value and what was {@code expected}. */
  public SavedModelException error(String field, String expected) {
    return new SavedModelException(className + " layer '" + name + "': field '" + field
        + "' is " + config.path(field) + ", expected " + expected);
  }

  /** Whether {@code field} is present and not null. */
  public boolean has(String field) {
    return !config.path(field).isMissingNode() && !config.path(field).isNull();
  }

  /** The integer {@code field}. */
  public int integer(String field) {
    JsonNode v = config.path(field);
    if (!v.canConvertToInt()) {
      throw error(field, "an integer");
    }
    return v.asInt();
  }

  /** The number {@code field}, or {@code defaultValue} when absent. */
  public float number(String field, float defaultValue) {
    JsonNode v = config.path(field);
    if (!has(field)) {
      return defaultValue;
    }
    if (!v.isNumber()) {
      throw error(field, "a number");
    }
    return v.floatValue();
  }

  /** The boolean {@code field}, or {@code defaultValue} when absent. */
  public boolean flag(String field, boolean defaultValue) {
    JsonNode v = config.path(field);
    if (!has(field)) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      throw error(field, "true or false");
    }
    return v.asBoolean();
  }

  /** The string {@code field}, or {@code defaultValue} when absent. */
  public String text(String field, String defaultValue) {
    JsonNode v = config.path(field);
    if (!has(field)) {
      return defaultValue;
    }
    if (!v.isTextual()) {
      throw error(field, "a string");
    }
    return v.asText();
  }

  /** A list of integers, plain or as Keras's {@code {"class_name": "__tuple__", "items": ...}}. */
  public List<Long> ints(String field) {
    JsonNode v = items(config.path(field));
    if (v.canConvertToInt()) {
      return List.of(v.asLong());
    }
    if (!v.isArray()) {
      throw error(field, "a list of integers");
    }
    List<Long> values = new ArrayList<>();
    for (JsonNode item : v) {
      values.add(item.isNull() ? -1L : item.asLong());
      if (!item.isNull() && !item.canConvertToLong()) {
        throw error(field, "a list of integers");
      }
    }
    return values;
  }

  /** Two equal integers (a square window or stride), given as one integer or a pair. */
  public int square(String field) {
    List<Long> v = ints(field);
    if (v.isEmpty() || v.stream().distinct().count() != 1 || v.size() > 2 || v.get(0) < 1) {
      throw error(field, "equal positive sizes in both dimensions");
    }
    return Math.toIntExact(v.get(0));
  }

  /** {@link #ints} as an int array, or {@code defaultValue} when the field is absent. */
  public int[] intArray(String field, int... defaultValue) {
    if (!has(field)) {
      return defaultValue.clone();
    }
    return ints(field).stream().mapToInt(Math::toIntExact).toArray();
  }

  /**
   * Nested integer lists flattened, as Keras writes per-side sizes ({@code [[1, 1], [2, 2]]}), or
   * one integer or a flat list; {@code defaultValue} when absent.
   */
  public int[] nestedInts(String field, int... defaultValue) {
    if (!has(field)) {
      return defaultValue.clone();
    }
    List<Integer> values = new ArrayList<>();
    collectInts(field, items(config.path(field)), values);
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private void collectInts(String field, JsonNode node, List<Integer> into) {
    if (node.canConvertToInt() && node.isIntegralNumber()) {
      into.add(node.asInt());
    } else if (node.isArray()) {
      node.forEach(n -> collectInts(field, items(n), into));
    } else {
      throw error(field, "integers, or lists of integers");
    }
  }

  /** The contents of Keras's {@code {"class_name": "__tuple__", "items": [...]}}, or the node. */
  private static JsonNode items(JsonNode node) {
    return node.isObject() && node.path("items").isArray() ? node.path("items") : node;
  }

  /** One number or a list of numbers, or {@code defaultValue} when absent. */
  public float[] floats(String field, float... defaultValue) {
    if (!has(field)) {
      return defaultValue.clone();
    }
    JsonNode v = items(config.path(field));
    if (v.isNumber()) {
      return new float[] {v.floatValue()};
    }
    if (!v.isArray() || v.isEmpty()) {
      throw error(field, "a number or a list of numbers");
    }
    float[] values = new float[v.size()];
    for (int i = 0; i < values.length; i++) {
      if (!v.get(i).isNumber()) {
        throw error(field, "a number or a list of numbers");
      }
      values[i] = v.get(i).floatValue();
    }
    return values;
  }

  /** The number {@code field}, or null when absent or null. */
  public Float numberOrNull(String field) {
    return has(field) ? number(field, 0f) : null;
  }

  /** Fails unless the field is absent, null or one of {@code allowed}. */
  public void require(String field, String... allowed) {
    if (!has(field)) {
      return;
    }
    String value = config.path(field).isTextual() ? config.path(field).asText()
        : config.path(field).toString();
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    throw error(field, String.join(" or ", allowed) + " (other values are not supported)");
  }
}
