package org.nsl4j.keras.layers;

import java.util.Locale;

/** Keras padding names mapped to TensorFlow's. */
final class Padding {

  private Padding() {}

  /** {@code "valid"} or {@code "same"} (any case) as TensorFlow's {@code VALID}/{@code SAME}. */
  static String check(String padding) {
    String p = padding == null ? "" : padding.toUpperCase(Locale.ROOT);
    if (!p.equals("VALID") && !p.equals("SAME")) {
      throw new IllegalArgumentException(
          "padding must be 'valid' or 'same', got '" + padding + "'");
    }
    return p;
  }
}
