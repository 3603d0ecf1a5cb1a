package org.nsl4j.savedmodel;

import java.util.Map;
import org.nsl4j.keras.layers.BatchNormalization;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.LayerNormalization;

/** Factories of the normalization layers: BatchNormalization and LayerNormalization. */
final class NormalizationFactories {

  private NormalizationFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("BatchNormalization", NormalizationFactories::batchNormalization);
    f.put("LayerNormalization", NormalizationFactories::layerNormalization);
  }

  private static Layer batchNormalization(LayerConfig c) {
    if (c.has("axis") && c.ints("axis").size() != 1) {
      throw c.error("axis", "a single axis (the last one)");
    }
    LayerFields.notTrue(c, "renorm", "batch renormalization");
    LayerFields.unset(c, "virtual_batch_size", "a virtual batch size");
    LayerFields.unset(c, "adjustment", "an adjustment function");
    return new BatchNormalization(c.name())
        .momentum(c.number("momentum", 0.99f))
        .epsilon(c.number("epsilon", 1e-3f))
        .center(c.flag("center", true))
        .scale(c.flag("scale", true));
  }

  private static Layer layerNormalization(LayerConfig c) {
    LayerFields.notTrue(c, "rms_scaling", "RMS scaling");
    return new LayerNormalization(c.name())
        .axis(c.intArray("axis", -1))
        .epsilon(c.number("epsilon", 1e-3f))
        .center(c.flag("center", true))
        .scale(c.flag("scale", true));
  }
}
