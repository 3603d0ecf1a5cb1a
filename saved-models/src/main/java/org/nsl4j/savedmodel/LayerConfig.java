package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a Keras model config ({@code {"class_name": "Conv2D", "config": {...}}}), with
 * typed field accessors whose errors name the layer, the field and what was expected.
 */
record LayerConfig(String className, String name, JsonNode config) {

  static LayerConfig of(JsonNode layer) {
    JsonNode config = layer.path("config");
    String name = config.path("name").asText(layer.path("name").asText(""));
    return new LayerConfig(layer.path("class_name").asText(""), name, config);
  }

  SavedModelException error(String field, String expected) {
    return new SavedModelException(className + " layer '" + name + "': field '" + field
        + "' is " + config.path(field) + ", expected " + expected);
  }

  boolean has(String field) {
    return !config.path(field).isMissingNode() && !config.path(field).isNull();
  }

  int integer(String field) {
    JsonNode v = config.path(field);
    if (!v.canConvertToInt()) {
      throw error(field, "an integer");
    }
    return v.asInt();
  }

  float number(String field, float defaultValue) {
    JsonNode v = config.path(field);
    if (!has(field)) {
      return defaultValue;
    }
    if (!v.isNumber()) {
      throw error(field, "a number");
    }
    return v.floatValue();
  }

  boolean flag(String field, boolean defaultValue) {
    JsonNode v = config.path(field);
    if (!has(field)) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      throw error(field, "true or false");
    }
    return v.asBoolean();
  }

  String text(String field, String defaultValue) {
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
  List<Long> ints(String field) {
    JsonNode v = config.path(field);
    if (v.isObject() && v.path("items").isArray()) {
      v = v.path("items");
    }
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
  int square(String field) {
    List<Long> v = ints(field);
    if (v.isEmpty() || v.stream().distinct().count() != 1 || v.size() > 2 || v.get(0) < 1) {
      throw error(field, "equal positive sizes in both dimensions");
    }
    return Math.toIntExact(v.get(0));
  }

  /** Fails unless the field is absent, null or one of {@code allowed}. */
  void require(String field, String... allowed) {
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
