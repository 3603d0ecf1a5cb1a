package org.nsl4j.keras.robustness;

import org.nsl4j.keras.data.FeatureArray;

/**
 * How one example fared: its label, the predictions on it and on its adversarial example, and
 * that example if it was kept.
 *
 * @param index the example's position in the data
 * @param label the true class
 * @param cleanPrediction the predicted class of the input
 * @param adversarialPrediction the predicted class of the adversarial example
 * @param adversarial the adversarial example ({@code [1, ...]}), or null if not kept
 */
public record ExampleResult(int index, long label, long cleanPrediction, long adversarialPrediction,
    FeatureArray adversarial) {

  /** Whether the input is classified correctly. */
  public boolean cleanCorrect() {
    return cleanPrediction == label;
  }

  /** Whether the adversarial example is still classified correctly. */
  public boolean adversarialCorrect() {
    return adversarialPrediction == label;
  }
}
