package org.nsl4j.keras.robustness;

import org.nsl4j.keras.data.FeatureArray;

/**
 * A classifier under attack, in ART's spirit: class scores for a batch of inputs, the box its
 * inputs lie in, and the affine preprocessing it applies itself, so that attacks perturb and clip
 * the inputs (e.g. pixels in [0, 1]) as the data holds them. A {@link GradientClassifier} also
 * gives gradients; a classifier without them can only be attacked by score-based attacks ({@link
 * SquareAttack}).
 */
public interface Classifier {

  /** The shape of one input, e.g. {@code [28, 28, 1]}; inputs of the same size are reshaped. */
  long[] inputShape();

  /** The number of classes: scores per example, labels in {@code [0, numClasses)}. */
  int numClasses();

  /** The box the inputs and adversarial examples lie in. */
  ClipValues clipValues();

  /** The map applied to the inputs before the network. */
  Preprocessing preprocessing();

  /** The class scores (logits where the network has them) of a batch of inputs, {@code [N, K]}. */
  FeatureArray logits(FeatureArray x);

  /** Whether attacks can take gradients of this classifier ({@link GradientClassifier}). */
  default boolean hasGradients() {
    return false;
  }

  /** How this classifier is named in errors and reports. */
  default String describe() {
    return getClass().getSimpleName();
  }

  /** The number of values of one input. */
  default int inputSize() {
    long size = 1;
    for (long d : inputShape()) {
      size *= d;
    }
    return Math.toIntExact(size);
  }
}
