package org.nsl4j.keras.datasets;

import org.nsl4j.keras.data.FeatureArray;

/** Conversions of image pixel values. */
public final class Pixels {

  private Pixels() {}

  /** A new float32 array of {@code pixels / 255}: raw values 0..255 mapped to [0, 1]. */
  public static FeatureArray toUnitRange(FeatureArray pixels) {
    float[] in = pixels.floats();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[i] / 255f;
    }
    return FeatureArray.ofFloats(out, pixels.shape());
  }
}
