package org.nsl4j.savedmodel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The factories of the built-in layers, registered in {@link LayerRegistry#builtIn()}.
 * Initializers, regularizers and constraints are not carried over: they do not change inference.
 */
final class BuiltInLayers {

  private BuiltInLayers() {}

  /** Keras class name → factory, for every layer this project rebuilds. */
  static Map<String, LayerFactory> factories() {
    Map<String, LayerFactory> f = new HashMap<>();
    f.put("Conv2D", BuiltInLayers::conv2d);
    f.put("MaxPooling2D", c -> new MaxPooling2D(c.square("pool_size"), stride(c),
        c.text("padding", "valid"), c.name()));
    f.put("AveragePooling2D", c -> new AveragePooling2D(c.square("pool_size"), stride(c),
        c.text("padding", "valid"), c.name()));
    f.put("Flatten", c -> {
      channelsLast(c);
      return new Flatten(c.name());
    });
    f.put("Dense", c -> new Dense(c.integer("units"), activation(c), c.name())
        .useBias(c.flag("use_bias", true)));
    f.put("Dropout", c -> {
      if (c.has("noise_shape")) {
        throw c.error("noise_shape", "null");
      }
      return new Dropout(c.number("rate", 0f), c.name());
    });
    f.put("Activation", c -> new Activation(activation(c), c.name()));
    f.put("BatchNormalization", BuiltInLayers::batchNormalization);
    return f;
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
