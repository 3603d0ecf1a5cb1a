package org.nsl4j.keras.robustness;

import java.io.Serializable;
import java.util.Locale;
import org.nsl4j.keras.data.FeatureArray;

/**
 * The affine map a classifier applies to its inputs before its network, {@code x·scale + offset}
 * (ART's {@code preprocessing}); attacks and clipping work on {@code x}, before the map. For a model
 * trained on {@code 2x − 1}: {@code new Preprocessing(2, -1)}.
 *
 * @param scale the factor, finite and not 0
 * @param offset the offset, finite
 */
public record Preprocessing(float scale, float offset) implements Serializable {

  /** The identity: the network takes the inputs as they are. */
  public static final Preprocessing NONE = new Preprocessing(1f, 0f);

  /** Checks that both are finite and the scale is not 0. */
  public Preprocessing {
    if (!Float.isFinite(scale) || scale == 0 || !Float.isFinite(offset)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "preprocessing needs a finite scale other than 0 and a finite offset, got scale %s,"
              + " offset %s", scale, offset));
    }
  }

  /** Whether this is the identity. */
  public boolean isIdentity() {
    return scale == 1f && offset == 0f;
  }

  /** {@code x·scale + offset}, element-wise. */
  public FeatureArray apply(FeatureArray x) {
    if (isIdentity()) {
      return x;
    }
    float[] in = x.floats();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[i] * scale + offset;
    }
    return FeatureArray.ofFloats(out, x.shape());
  }
}
