package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.nsl4j.keras.activations.Activations;
import org.nsl4j.keras.initializers.Initializers;

/**
 * Config fields that many built-in layer factories read the same way: the activation (by Keras
 * version), initializers, and the settings this project's layers cannot honour.
 */
final class LayerFields {

  private LayerFields() {}

  /**
   * The {@code activation} name; tf.keras 2's {@code hard_sigmoid} ({@code clip(0.2x + 0.5)})
   * differs from Keras 3's ({@code relu6(x + 3) / 6}), so the config's Keras version picks it.
   */
  static String activation(LayerConfig c) {
    String name = c.text("activation", "linear").toLowerCase(Locale.ROOT);
    if (name.equals("hard_sigmoid") && c.kerasMajorVersion() < 3) {
      name = Activations.HARD_SIGMOID_KERAS2;
    }
    if (!Activations.names().contains(name)) {
      throw c.error("activation", "one of " + Activations.names());
    }
    return name;
  }

  /**
   * The initializer in {@code field} (a name, or Keras's {@code {"class_name": "GlorotUniform"}}),
   * if this project has it; else {@code fallback}. Initializers matter only before the file's
   * weights are loaded.
   */
  static String initializer(LayerConfig c, String field, String fallback) {
    if (!c.has(field)) {
      return fallback;
    }
    JsonNode v = c.config().path(field);
    String name = v.isTextual() ? v.asText()
        : v.path("class_name").asText("").replaceAll("([a-z])([A-Z])", "$1_$2")
            .toLowerCase(Locale.ROOT);
    try {
      Initializers.get(name);
      return name;
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  /** Fails unless the images are channels-last. */
  static void channelsLast(LayerConfig c) {
    c.require("data_format", "channels_last");
  }

  /** Fails when {@code field} is set (not absent or null): {@code what} is not supported. */
  static void unset(LayerConfig c, String field, String what) {
    if (c.has(field)) {
      throw c.error(field, "null (" + what + " is not supported)");
    }
  }

  /** Fails when the boolean {@code field} is true: {@code what} is not supported. */
  static void notTrue(LayerConfig c, String field, String what) {
    if (c.flag(field, false)) {
      throw c.error(field, "false (" + what + " is not supported)");
    }
  }

  /** The optional integer {@code seed} (augmentation and noise layers). */
  static Integer seed(LayerConfig c) {
    return c.has("seed") ? c.integer("seed") : null;
  }
}
