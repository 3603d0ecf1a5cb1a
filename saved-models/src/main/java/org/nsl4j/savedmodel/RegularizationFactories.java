package org.nsl4j.savedmodel;

import java.util.Map;
import org.nsl4j.keras.layers.Dropout;
import org.nsl4j.keras.layers.GaussianNoise;
import org.nsl4j.keras.layers.SpatialDropout1D;
import org.nsl4j.keras.layers.SpatialDropout2D;

/** Factories of the regularization layers: Dropout, SpatialDropout1D/2D and GaussianNoise. */
final class RegularizationFactories {

  private RegularizationFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("Dropout", c -> {
      LayerFields.unset(c, "noise_shape", "a noise shape");
      return new Dropout(c.number("rate", 0f), c.name());
    });
    f.put("SpatialDropout1D", c -> new SpatialDropout1D(c.number("rate", 0f), c.name()));
    f.put("SpatialDropout2D", c -> {
      LayerFields.channelsLast(c);
      return new SpatialDropout2D(c.number("rate", 0f), c.name());
    });
    f.put("GaussianNoise", c -> new GaussianNoise(c.number("stddev", 0f), c.name()));
  }
}
