package org.nsl4j.examples;

import java.util.Arrays;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/**
 * A classifier's accuracy on test digits, clean and perturbed by an attacker, batch by batch; the
 * first digits are kept for a picture.
 */
final class AccuracyUnderAttack {

  /**
   * The outcome.
   *
   * @param examples number of test digits
   * @param clean accuracy on the clean digits
   * @param perturbed accuracy on the perturbed digits, null without an attack
   * @param first the first digits
   */
  record Result(int examples, double clean, Double perturbed, Examples first) {}

  /**
   * Some digits: the images shown (perturbed, or clean without an attack), their labels and the
   * predictions on the clean and the perturbed images (null without an attack).
   */
  record Examples(FeatureArray images, long[] labels, long[] clean, long[] perturbed) {}

  private AccuracyUnderAttack() {}

  /**
   * Measures {@code target} on {@code test} ({@code image}, {@code label}) in batches of {@code
   * batchSize}, attacked by {@code attacker} with {@code attack} unless {@code attacker} is null.
   *
   * @param keep how many of the first digits to keep
   */
  static Result measure(PixelClassifier target, PixelAttacker attacker, LinfAttack attack,
      Features test, int batchSize, int keep) {
    int clean = 0;
    int perturbed = 0;
    int examples = 0;
    Examples first = null;
    for (Features batch : Dataset.fromTensorSlices(test).batch(batchSize)) {
      FeatureArray pixels = batch.get(HParams.IMAGE_KEY);
      FeatureArray labelArray = batch.get(HParams.LABEL_KEY);
      long[] labels = labelArray.longs();
      long[] cleanClasses = target.classes(pixels);
      clean += Predictions.correct(cleanClasses, labels);
      FeatureArray shown = pixels;
      long[] attacked = null;
      if (attacker != null) {
        shown = attacker.perturb(pixels, labelArray, attack);
        attacked = target.classes(shown);
        perturbed += Predictions.correct(attacked, labels);
      }
      if (first == null) {
        first = firstRows(shown, labels, cleanClasses, attacked, keep);
      }
      examples += labels.length;
    }
    if (first == null) {
      throw new IllegalArgumentException("there are no test digits");
    }
    return new Result(examples, clean / (double) examples,
        attacker == null ? null : perturbed / (double) examples, first);
  }

  private static Examples firstRows(FeatureArray images, long[] labels, long[] clean,
      long[] perturbed, int keep) {
    int n = Math.min(keep, labels.length);
    return new Examples(images.rows(0, n), Arrays.copyOf(labels, n),
        Arrays.copyOf(clean, n),
        perturbed == null ? null : Arrays.copyOf(perturbed, n));
  }
}
