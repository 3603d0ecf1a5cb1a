package org.nsl4j.savedmodel;

import java.util.Arrays;
import java.util.Map;
import org.nsl4j.keras.layers.Cropping2D;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.Permute;
import org.nsl4j.keras.layers.Reshape;
import org.nsl4j.keras.layers.UpSampling2D;
import org.nsl4j.keras.layers.ZeroPadding2D;

/**
 * Factories of the reshaping layers: Flatten, Reshape, Permute, ZeroPadding2D, Cropping2D and
 * UpSampling2D.
 */
final class ReshapingFactories {

  private ReshapingFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("Flatten", c -> {
      LayerFields.channelsLast(c);
      return new Flatten(c.name());
    });
    f.put("Reshape", c -> new Reshape(
        Arrays.stream(c.intArray("target_shape")).asLongStream().toArray(), c.name()));
    f.put("Permute", c -> new Permute(c.intArray("dims"), c.name()));
    f.put("ZeroPadding2D", c -> {
      LayerFields.channelsLast(c);
      return new ZeroPadding2D(c.nestedInts("padding", 1), c.name());
    });
    f.put("Cropping2D", c -> {
      LayerFields.channelsLast(c);
      return new Cropping2D(c.nestedInts("cropping", 0), c.name());
    });
    f.put("UpSampling2D", c -> {
      LayerFields.channelsLast(c);
      return new UpSampling2D(c.intArray("size", 2), c.text("interpolation", "nearest"),
          c.name());
    });
  }
}
