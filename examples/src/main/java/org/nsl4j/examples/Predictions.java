package org.nsl4j.examples;

import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;

/** A classifier's predicted classes, and how many of them are right. */
final class Predictions {

  private Predictions() {}

  /** The class with the largest logit for each image. */
  static long[] classes(Model model, FeatureArray images) {
    return argmax(model.predict(images, images.rows()));
  }

  /** The index of the largest score of each row. */
  static long[] argmax(FeatureArray scores) {
    int n = scores.rows();
    int k = scores.rowSize();
    float[] v = scores.floats();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (v[i * k + j] > v[i * k + best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Number of positions where {@code predicted} equals {@code labels}. */
  static int correct(long[] predicted, long[] labels) {
    if (predicted.length != labels.length) {
      throw new IllegalArgumentException(
          predicted.length + " predictions for " + labels.length + " labels");
    }
    int c = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        c++;
      }
    }
    return c;
  }
}
