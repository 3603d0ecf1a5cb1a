package org.nsl4j.keras.robustness;

import java.util.Arrays;
import java.util.Locale;
import org.nsl4j.keras.data.FeatureArray;

/** Validation of attack parameters and inputs; every failure names the parameter and value. */
final class Checks {

  private Checks() {}

  /** {@code value} as the double its decimal text reads, for reports: 0.2f as 0.2. */
  static double decimal(float value) {
    return Double.parseDouble(Float.toString(value));
  }

  static float positive(String name, float value) {
    if (!Float.isFinite(value) || value <= 0) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
    }
    return value;
  }

  static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
    return value;
  }

  static float inUnitInterval(String name, float value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1], got " + value);
    }
    return value;
  }

  /** The inputs fit the classifier, lie in its box, and the labels are its classes. */
  static void inputs(Classifier c, FeatureArray x, long[] labels, String labelName) {
    if (x.dtype() != FeatureArray.DType.FLOAT32) {
      throw new IllegalArgumentException("the inputs must be float32, got "
          + x.dtype().name().toLowerCase(Locale.ROOT));
    }
    if (x.rowSize() != c.inputSize()) {
      throw new IllegalArgumentException(c.describe() + " takes inputs of shape "
          + Arrays.toString(c.inputShape()) + ", which inputs of shape "
          + Arrays.toString(x.shape()) + " do not fit");
    }
    if (labels.length != x.rows()) {
      throw new IllegalArgumentException(
          labels.length + " " + labelName + " for " + x.rows() + " inputs");
    }
    classes(c, labels, labelName);
    c.clipValues().check(x);
  }

  static void classes(Classifier c, long[] labels, String labelName) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= c.numClasses()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s must be class indices in [0, %d) of %s, got %d at example %d", labelName,
            c.numClasses(), c.describe(), labels[i], i));
      }
    }
  }

  /** A gradient attack needs a {@link GradientClassifier}. */
  static GradientClassifier gradients(Classifier c, String attack) {
    if (c instanceof GradientClassifier g && g.hasGradients()) {
      return g;
    }
    throw new IllegalArgumentException("attack '" + attack + "' needs gradients, which "
        + c.describe() + " does not give; attack it with SquareAttack (score-based, black-box)"
        + " instead");
  }
}
