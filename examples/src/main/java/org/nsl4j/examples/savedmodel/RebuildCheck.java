package org.nsl4j.examples.savedmodel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nsl4j.examples.cli.Predictions;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.robustness.Classifier;
import org.nsl4j.keras.robustness.Preprocessing;

/**
 * Whether a Keras network rebuilt in Java computes what the SavedModel's own signature computes:
 * the predicted classes must agree on {@value #MIN_AGREEMENT} of the first {@value #DIGITS} test
 * images.
 *
 * @param digits the digits compared
 * @param agreement the share of them with the same predicted class
 * @param maxAbsDiff the largest difference of any score
 */
record RebuildCheck(int digits, double agreement, double maxAbsDiff) {

  /** Test digits compared. */
  static final int DIGITS = 300;
  /** The share on which the predicted classes must agree. */
  static final double MIN_AGREEMENT = 0.99;

  /**
   * Compares the outputs of {@code rebuilt} (fed the {@code preprocessing} of the pixels) with
   * {@code signature}'s on the first of the test {@code images}.
   */
  static RebuildCheck of(Model rebuilt, Preprocessing preprocessing, Classifier signature,
      FeatureArray images) {
    int n = Math.min(DIGITS, images.rows());
    FeatureArray pixels = images.rows(0, n);
    FeatureArray expected = signature.logits(pixels);
    FeatureArray actual =
        rebuilt.predict(ModelFeatures.inputs(rebuilt, preprocessing.apply(pixels)), n);
    if (actual.rowSize() != expected.rowSize()) {
      throw new IllegalArgumentException("the rebuilt Keras model gives " + actual.rowSize()
          + " scores per digit, the signature " + expected.rowSize());
    }
    int agree = Predictions.correct(Predictions.argmax(actual), Predictions.argmax(expected));
    return new RebuildCheck(n, agree / (double) n, Predictions.maxAbsDiff(actual, expected));
  }

  boolean passed() {
    return agreement >= MIN_AGREEMENT;
  }

  /** Why the rebuilt model is not trusted, or null. */
  String problem() {
    return passed() ? null : String.format(Locale.ROOT, "its rebuilt Keras model agrees with the"
        + " signature on only %.1f%% of %d test digits (max |difference| %.3g)",
        100 * agreement, digits, maxAbsDiff);
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("digits", digits);
    m.put("agreement", agreement);
    m.put("max_abs_diff", maxAbsDiff);
    m.put("passed", passed());
    return m;
  }
}
