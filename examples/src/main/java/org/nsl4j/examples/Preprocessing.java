package org.nsl4j.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nsl4j.keras.data.FeatureArray;

/**
 * How a model wants its pixels: an affine map {@code scale · x + offset} of pixels {@code x} in
 * [0, 1]. Attacks work in pixel units and are clipped to [0, 1] there; the map comes after.
 */
enum Preprocessing {
  /** Pixels in [0, 1] as they are ({@code x / 255} of the raw bytes). */
  SCALE("scale", 1, 0),
  /** {@code 2x − 1}, in [−1, 1]. */
  SCALE_CENTER("scale-center", 2, -1);

  private final String key;
  private final float scale;
  private final float offset;

  Preprocessing(String key, float scale, float offset) {
    this.key = key;
    this.scale = scale;
    this.offset = offset;
  }

  /** The flag value, e.g. {@code scale-center}. */
  String key() {
    return key;
  }

  /** Model-input units per pixel unit. */
  float scale() {
    return scale;
  }

  /** The value of {@code flag} naming a preprocessing; fails listing the known ones. */
  static Preprocessing parse(String flag, String value) {
    return Arrays.stream(values()).filter(p -> p.key.equals(value.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(flag + " must be "
            + Arrays.stream(values()).map(Preprocessing::key).collect(Collectors.joining(" or "))
            + ", got '" + value + "'"));
  }

  /** Model inputs from pixels. */
  FeatureArray apply(FeatureArray pixels) {
    return map(pixels, scale, offset);
  }

  /** Pixels from model inputs. */
  FeatureArray invert(FeatureArray inputs) {
    return map(inputs, 1 / scale, -offset / scale);
  }

  private static FeatureArray map(FeatureArray x, float a, float b) {
    if (a == 1 && b == 0) {
      return x;
    }
    float[] in = x.floats();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = a * in[i] + b;
    }
    return FeatureArray.ofFloats(out, x.shape());
  }
}
