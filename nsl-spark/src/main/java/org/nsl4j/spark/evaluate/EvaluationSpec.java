package org.nsl4j.spark.evaluate;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.spark.ModelSource;

/**
 * What every executor needs to rebuild the driver's classifiers and attack its examples.
 *
 * @param model the SavedModel, as a URI every executor reads
 * @param signature the signature scored
 * @param imageShape the shape of one image
 * @param preprocessing what the model takes from pixels in [0, 1]
 * @param batchSize images per model call and attack batch
 * @param mode {@code white-box} (the rebuilt model attacked), {@code transfer} (the surrogate)
 *     or {@code black-box} (the signature); null without attack
 * @param attack the attack, or null
 * @param surrogate the surrogate's local path in transfer mode, else null
 * @param customLayers the {@code --custom-layer} specifications
 * @param shown examples with an index below this have their attacked pixels sent back
 */
public record EvaluationSpec(ModelSource model, String signature, long[] imageShape,
    Preprocessing preprocessing, int batchSize, String mode, Attack attack, String surrogate,
    List<String> customLayers, int shown) implements Serializable {

  /** Every example's pixel count. */
  int imageSize() {
    long n = 1;
    for (long d : imageShape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  /** The key of the classifiers this spec rebuilds, in an executor's cache. */
  String key() {
    return String.join(" ", model.key(), signature, String.valueOf(mode),
        String.valueOf(surrogate), preprocessing.toString(), customLayers.toString(),
        Arrays.toString(imageShape), Integer.toString(batchSize));
  }
}
