package org.nsl4j.keras.robustness;

import java.io.Serializable;
import java.util.Locale;
import org.nsl4j.keras.data.FeatureArray;

/**
 * The box every input and every adversarial example lies in (ART's {@code clip_values}), e.g.
 * pixels in {@code [0, 1]}.
 *
 * @param min the smallest value
 * @param max the largest value
 */
public record ClipValues(float min, float max) implements Serializable {

  /** Pixels in {@code [0, 1]}. */
  public static final ClipValues UNIT = new ClipValues(0f, 1f);

  /** Checks that both bounds are finite and {@code min < max}. */
  public ClipValues {
    if (!Float.isFinite(min) || !Float.isFinite(max) || !(min < max)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "clipValues must be finite with min < max, got [%s, %s]", min, max));
    }
  }

  /** Fails, naming the first value and example outside the box, unless every value is inside. */
  public void check(FeatureArray x) {
    float[] v = x.floats();
    int width = Math.max(1, x.rowSize());
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] >= min && v[i] <= max)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "the inputs must lie in the clip range [%s, %s], got %s in example %d%s", min, max,
            v[i], i / width, v[i] > 1 && max <= 1 ? " (raw pixel bytes? divide them by 255)" : ""));
      }
    }
  }

  /** A copy of {@code x} with every value clipped to the box. */
  public FeatureArray clip(FeatureArray x) {
    float[] in = x.floats();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = clip(in[i]);
    }
    return FeatureArray.ofFloats(out, x.shape());
  }

  /** {@code value} clipped to the box. */
  float clip(float value) {
    return Math.min(max, Math.max(min, value));
  }

  @Override
  public String toString() {
    return "[" + min + ", " + max + "]";
  }
}
