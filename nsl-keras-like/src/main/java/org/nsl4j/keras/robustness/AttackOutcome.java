package org.nsl4j.keras.robustness;

import org.nsl4j.keras.data.FeatureArray;

/**
 * What an attack made of a batch: the adversarial examples (shaped like the inputs, inside the
 * ε-ball and the clip box), the classifier's predictions on them and whether each one succeeded
 * (untargeted: not the true label; targeted: the target).
 *
 * @param adversarial the adversarial examples
 * @param cleanPredictions the predicted class of each input
 * @param predictions the predicted class of each adversarial example
 * @param success whether the attack succeeded on each example
 */
public record AttackOutcome(FeatureArray adversarial, long[] cleanPredictions, long[] predictions,
    boolean[] success) {

  /** The share of examples on which the attack succeeded. */
  public double successRate() {
    int s = 0;
    for (boolean b : success) {
      s += b ? 1 : 0;
    }
    return success.length == 0 ? 0 : s / (double) success.length;
  }
}
