package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Idx;
import org.nsl4j.keras.testing.SharedFixtures;

/** The project's {@code ../shared} fixtures; tests using them skip when it is absent. */
final class Shared {

  private static FeatureArray digits;
  private static FeatureArray labels;

  private Shared() {}

  /** A Keras model file of {@code ../shared/fixtures/keras}, e.g. {@code mnist_cnn_keras3_1.keras}. */
  static Path keras(String name) {
    return SharedFixtures.keras(name);
  }

  /** The first {@code n} (up to 10,000) real MNIST test digits in [0, 1]: float32 [n, 28, 28, 1]. */
  static synchronized FeatureArray digits(int n) {
    if (digits == null) {
      Path file = SharedFixtures.mnistTest().resolve("t10k-images-idx3-ubyte.gz");
      assumeTrue(Files.isRegularFile(file), file + " not present: skipped");
      try {
        FeatureArray all = Idx.readImages(file);
        float[] x = all.floats().clone();
        for (int i = 0; i < x.length; i++) {
          x[i] /= 255f;
        }
        digits = FeatureArray.ofFloats(x, all.shape());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return digits.rows(0, n);
  }

  /** The labels of the first {@code n} real MNIST test digits. */
  static synchronized int[] labels(int n) {
    if (labels == null) {
      Path file = SharedFixtures.mnistTest().resolve("t10k-labels-idx1-ubyte.gz");
      assumeTrue(Files.isRegularFile(file), file + " not present: skipped");
      try {
        labels = Idx.readLabels(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) labels.longs()[i];
    }
    return out;
  }

  /** Fraction of rows whose largest score is at the label. */
  static double accuracy(FeatureArray scores, int[] labels) {
    int[] predicted = argmax(scores);
    int right = 0;
    for (int i = 0; i < labels.length; i++) {
      right += predicted[i] == labels[i] ? 1 : 0;
    }
    return right / (double) labels.length;
  }

  /** Largest absolute difference between two float arrays of the same shape. */
  static double maxAbsDiff(FeatureArray a, FeatureArray b) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(a.shape(), b.shape(), "shapes differ");
    double max = 0;
    for (int i = 0; i < a.floats().length; i++) {
      max = Math.max(max, Math.abs(a.floats()[i] - b.floats()[i]));
    }
    return max;
  }

  /** Index of the largest value of each row. */
  static int[] argmax(FeatureArray scores) {
    int n = scores.rows();
    int k = scores.rowSize();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 1; j < k; j++) {
        if (scores.floats()[i * k + j] > scores.floats()[i * k + out[i]]) {
          out[i] = j;
        }
      }
    }
    return out;
  }
}
