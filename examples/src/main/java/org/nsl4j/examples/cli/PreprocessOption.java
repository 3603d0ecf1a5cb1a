package org.nsl4j.examples.cli;

import java.util.Arrays;
import java.util.Locale;
import org.nsl4j.keras.robustness.Preprocessing;

/**
 * The values of {@code --preprocess}: how a model wants its pixels, as the library's affine
 * {@link Preprocessing} applied inside the classifier (attacks and clipping work on the pixels).
 */
public enum PreprocessOption {
  /** Pixels in [0, 1] as they are ({@code x / 255} of the raw bytes). */
  SCALE("scale", Preprocessing.NONE),
  /** {@code 2x − 1}, in [−1, 1]. */
  SCALE_CENTER("scale-center", new Preprocessing(2f, -1f)),
  /** {@code 255x}, the raw pixel values in [0, 255], for models fed unscaled images. */
  RAW("raw", new Preprocessing(255f, 0f));

  /** The flag values, for help texts and errors. */
  static final String KEYS = "scale, scale-center or raw";

  private final String key;
  private final Preprocessing preprocessing;

  PreprocessOption(String key, Preprocessing preprocessing) {
    this.key = key;
    this.preprocessing = preprocessing;
  }

  /** The flag value, e.g. {@code scale-center}. */
  public String key() {
    return key;
  }

  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /** The value of {@code flag} naming a preprocessing; fails listing the known ones. */
  public static PreprocessOption parse(String flag, String value) {
    return Arrays.stream(values()).filter(p -> p.key.equals(value.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(flag + " must be " + KEYS + ", got '"
            + value + "'"));
  }
}
