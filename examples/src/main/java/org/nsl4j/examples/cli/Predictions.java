package org.nsl4j.examples.cli;

import java.util.Arrays;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;

/** A classifier's predicted classes, how many are right, and how far two sets of scores differ. */
public final class Predictions {

  private Predictions() {}

  /** The class with the largest logit for each image. */
  public static long[] classes(Model model, FeatureArray images) {
    return argmax(model.predict(images, images.rows()));
  }

  /** The index of the largest score of each row. */
  public static long[] argmax(FeatureArray scores) {
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

  /** The largest absolute difference between two score arrays of the same shape. */
  public static double maxAbsDiff(FeatureArray a, FeatureArray b) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException("scores of shapes " + Arrays.toString(a.shape())
          + " and " + Arrays.toString(b.shape()) + " cannot be compared");
    }
    double max = 0;
    for (int i = 0; i < a.floats().length; i++) {
      max = Math.max(max, Math.abs(a.floats()[i] - b.floats()[i]));
    }
    return max;
  }

  /** Number of positions where {@code predicted} equals {@code labels}. */
  public static int correct(long[] predicted, long[] labels) {
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
