package org.nsl4j.examples;

import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;

/** A classifier of images given as pixels in [0, 1], {@code [N, H, W, C]}. */
@FunctionalInterface
interface PixelClassifier {

  /** The predicted class of each image. */
  long[] classes(FeatureArray pixels);

  /** {@code model} on the preprocessed pixels, reshaped to its input. */
  static PixelClassifier of(Model model, Preprocessing preprocessing) {
    return pixels -> Predictions.classes(model,
        ModelFeatures.inputs(model, preprocessing.apply(pixels)));
  }
}
