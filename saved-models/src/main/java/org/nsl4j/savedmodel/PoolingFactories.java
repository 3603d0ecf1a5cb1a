package org.nsl4j.savedmodel;

import java.util.Map;
import org.nsl4j.keras.layers.AveragePooling1D;
import org.nsl4j.keras.layers.AveragePooling2D;
import org.nsl4j.keras.layers.GlobalAveragePooling1D;
import org.nsl4j.keras.layers.GlobalAveragePooling2D;
import org.nsl4j.keras.layers.GlobalMaxPooling1D;
import org.nsl4j.keras.layers.GlobalMaxPooling2D;
import org.nsl4j.keras.layers.GlobalPooling;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.MaxPooling1D;
import org.nsl4j.keras.layers.MaxPooling2D;

/** Factories of the pooling layers: 1D and 2D max and average pooling, and global pooling. */
final class PoolingFactories {

  private PoolingFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("MaxPooling2D", c -> {
      int[][] w = window2d(c);
      return new MaxPooling2D(w[0], w[1], padding(c), c.name());
    });
    f.put("AveragePooling2D", c -> {
      int[][] w = window2d(c);
      return new AveragePooling2D(w[0], w[1], padding(c), c.name());
    });
    f.put("MaxPooling1D", c -> {
      int[] w = window1d(c);
      return new MaxPooling1D(w[0], w[1], padding(c), c.name());
    });
    f.put("AveragePooling1D", c -> {
      int[] w = window1d(c);
      return new AveragePooling1D(w[0], w[1], padding(c), c.name());
    });
    f.put("GlobalAveragePooling1D", c -> global(c, new GlobalAveragePooling1D(c.name())));
    f.put("GlobalAveragePooling2D", c -> global(c, new GlobalAveragePooling2D(c.name())));
    f.put("GlobalMaxPooling1D", c -> global(c, new GlobalMaxPooling1D(c.name())));
    f.put("GlobalMaxPooling2D", c -> global(c, new GlobalMaxPooling2D(c.name())));
  }

  /** Pool size (default 2×2) and strides (default the pool size), as in Keras. */
  private static int[][] window2d(LayerConfig c) {
    int[] pool = c.intArray("pool_size", 2);
    return new int[][] {pool, c.intArray("strides", pool)};
  }

  /** Pool size (default 2) and stride (default the pool size). */
  private static int[] window1d(LayerConfig c) {
    int[] pool = c.intArray("pool_size", 2);
    int[] strides = c.intArray("strides", pool);
    if (pool.length != 1 || strides.length != 1) {
      throw c.error(pool.length != 1 ? "pool_size" : "strides", "one size");
    }
    return new int[] {pool[0], strides[0]};
  }

  private static String padding(LayerConfig c) {
    LayerFields.channelsLast(c);
    return c.text("padding", "valid");
  }

  private static Layer global(LayerConfig c, GlobalPooling layer) {
    LayerFields.channelsLast(c);
    return layer.keepdims(c.flag("keepdims", false));
  }
}
