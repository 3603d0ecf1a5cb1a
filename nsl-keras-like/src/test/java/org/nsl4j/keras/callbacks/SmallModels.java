package org.nsl4j.keras.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Sequential;

/** Small models, data and helper callbacks for the callback tests. */
final class SmallModels {

  private SmallModels() {}

  /** A two-layer classifier of 2-D points into 2 classes. */
  static Sequential mlp() {
    return new Sequential(new InputLayer("x", 2), new Dense(8, "relu"), new Dense(2));
  }

  /** {@code n} points of two Gaussian blobs as {@code (x, y)} tuples, shuffled every pass. */
  static Dataset blobs(int n, int batch) {
    return Dataset.fromTensorSlices(blobFeatures(n)).shuffle(n, 3).batch(batch)
        .map(Dataset.toTuple("x", "label"));
  }

  /** The same blobs as dictionaries {@code {x, label}}. */
  static Features blobFeatures(int n) {
    Random r = new Random(11);
    float[] x = new float[2 * n];
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      float c = y[i] == 0 ? -1f : 1f;
      x[2 * i] = c + (float) r.nextGaussian() * 0.6f;
      x[2 * i + 1] = -c + (float) r.nextGaussian() * 0.6f;
    }
    return Features.of("x", FeatureArray.ofFloats(x, n, 2), "label", FeatureArray.ofLongs(y, n));
  }

  /** A callback that runs {@code action} at every epoch end. */
  static Callback atEpochEnd(BiConsumer<Integer, Map<String, Double>> action) {
    return new Callback() {
      @Override
      public void onEpochEnd(int epoch, Map<String, Double> logs) {
        action.accept(epoch, logs);
      }
    };
  }

  /** A callback that sets {@code metric} to the scripted value of each epoch. */
  static Callback scripted(String metric, double... values) {
    return atEpochEnd((epoch, logs) -> logs.put(metric, values[epoch]));
  }

  /** Every value of every weight, in order. */
  static List<float[]> values(List<FeatureArray> weights) {
    List<float[]> v = new ArrayList<>();
    weights.forEach(w -> v.add(w.floats()));
    return v;
  }
}
