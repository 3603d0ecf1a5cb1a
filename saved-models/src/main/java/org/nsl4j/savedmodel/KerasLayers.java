package org.nsl4j.savedmodel;

import java.util.List;
import org.nsl4j.keras.layers.Activation;
import org.nsl4j.keras.layers.AveragePooling2D;
import org.nsl4j.keras.layers.BatchNormalization;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Dropout;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.MaxPooling2D;

/**
 * Builds this project's layer for a Keras layer config, with the config's name and settings.
 * Initializers, regularizers and constraints are not carried over: they do not change inference.
 */
final class KerasLayers {

  /** Keras class names this factory rebuilds (besides InputLayer, which starts a model). */
  static final List<String> SUPPORTED = List.of("Conv2D", "MaxPooling2D", "AveragePooling2D",
      "Flatten", "Dense", "Dropout", "Activation", "BatchNormalization");

  private KerasLayers() {}

  static Layer create(LayerConfig c) {
    try {
      return switch (c.className()) {
        case "Conv2D" -> conv2d(c);
        case "MaxPooling2D" -> new MaxPooling2D(c.square("pool_size"), stride(c),
            c.text("padding", "valid"), c.name());
        case "AveragePooling2D" -> new AveragePooling2D(c.square("pool_size"), stride(c),
            c.text("padding", "valid"), c.name());
        case "Flatten" -> {
          channelsLast(c);
          yield new Flatten(c.name());
        }
        case "Dense" -> new Dense(c.integer("units"), activation(c), c.name())
            .useBias(c.flag("use_bias", true));
        case "Dropout" -> {
          if (c.has("noise_shape")) {
            throw c.error("noise_shape", "null");
          }
          yield new Dropout(c.number("rate", 0f), c.name());
        }
        case "Activation" -> new Activation(activation(c), c.name());
        case "BatchNormalization" -> batchNormalization(c);
        default -> throw new SavedModelException(
            "layer '" + c.name() + "' of class " + c.className() + " is not supported (supported:"
                + " InputLayer, " + String.join(", ", SUPPORTED) + ")");
      };
    } catch (IllegalArgumentException e) {
      throw new SavedModelException(
          c.className() + " layer '" + c.name() + "': " + e.getMessage(), e);
    }
  }

  private static Layer conv2d(LayerConfig c) {
    channelsLast(c);
    List<Long> kernel = c.ints("kernel_size");
    if (kernel.size() == 1) {
      kernel = List.of(kernel.get(0), kernel.get(0));
    }
    if (kernel.size() != 2) {
      throw c.error("kernel_size", "one size or two");
    }
    if (c.has("dilation_rate") && c.ints("dilation_rate").stream().anyMatch(d -> d != 1)) {
      throw c.error("dilation_rate", "[1, 1] (dilated convolutions are not supported)");
    }
    if (c.has("groups") && c.integer("groups") != 1) {
      throw c.error("groups", "1 (grouped convolutions are not supported)");
    }
    return new Conv2D(c.integer("filters"), Math.toIntExact(kernel.get(0)),
        Math.toIntExact(kernel.get(1)), activation(c), c.name())
        .strides(c.has("strides") ? c.square("strides") : 1)
        .padding(c.text("padding", "valid"))
        .useBias(c.flag("use_bias", true));
  }

  private static Layer batchNormalization(LayerConfig c) {
    if (c.has("axis")) {
      List<Long> axis = c.ints("axis");
      if (axis.size() != 1) {
        throw c.error("axis", "a single axis (the last one)");
      }
    }
    return new BatchNormalization(c.name())
        .momentum(c.number("momentum", 0.99f))
        .epsilon(c.number("epsilon", 1e-3f))
        .center(c.flag("center", true))
        .scale(c.flag("scale", true));
  }

  /** Pooling strides: the pool size when null, as in Keras. */
  private static int stride(LayerConfig c) {
    return c.has("strides") ? c.square("strides") : c.square("pool_size");
  }

  private static String activation(LayerConfig c) {
    return c.text("activation", "linear");
  }

  private static void channelsLast(LayerConfig c) {
    c.require("data_format", "channels_last");
  }
}
