package org.nsl4j.savedmodel;

import java.util.Map;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.Normalization;
import org.nsl4j.keras.layers.Rescaling;
import org.nsl4j.keras.layers.Resizing;

/**
 * Factories of the preprocessing layers: Rescaling, Normalization and Resizing (the Random*
 * augmentation layers are in {@link AugmentationFactories}).
 */
final class PreprocessingFactories {

  private PreprocessingFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("Rescaling", c -> new Rescaling(c.floats("scale"), c.name())
        .offset(c.floats("offset", 0f)));
    f.put("Normalization", PreprocessingFactories::normalization);
    f.put("Resizing", PreprocessingFactories::resizing);
  }

  /** The axis list (null: Keras's None, one mean and variance overall); given statistics. */
  private static Layer normalization(LayerConfig c) {
    Normalization layer = new Normalization(c.name()).invert(c.flag("invert", false));
    if (c.has("axis")) {
      layer.axis(c.intArray("axis"));
    } else if (c.config().has("axis")) {
      layer.axisNone();
    }
    if (c.has("mean") || c.has("variance")) {
      layer.mean(c.floats("mean")).variance(c.floats("variance"));
    }
    return layer;
  }

  private static Layer resizing(LayerConfig c) {
    LayerFields.channelsLast(c);
    LayerFields.notTrue(c, "pad_to_aspect_ratio", "padding to the aspect ratio");
    LayerFields.notTrue(c, "antialias", "antialiasing");
    return new Resizing(c.integer("height"), c.integer("width"), c.name())
        .interpolation(c.text("interpolation", "bilinear"))
        .cropToAspectRatio(c.flag("crop_to_aspect_ratio", false));
  }
}
