package org.nsl4j.keras.layers;

import org.nsl4j.keras.data.FeatureArray;
import org.tensorflow.ndarray.Shape;

/** The per-index mean and population variance that {@link Normalization#adapt} computes. */
final class NormalizationStatistics {

  private NormalizationStatistics() {}

  /** Statistics of {@code data} for each index of {@code axis} (the other axes are reduced). */
  static Normalization.Adapted of(Layer layer, int[] axis, FeatureArray data) {
    if (data.dtype() != FeatureArray.DType.FLOAT32 || data.shape().length < 1
        || data.rows() < 1) {
      throw new IllegalArgumentException("Normalization '" + layer.name() + "' adapts to float32"
          + " examples, got " + data.dtype() + java.util.Arrays.toString(data.shape()));
    }
    long[] shape = data.shape();
    int[] keep = Axes.resolve(layer, axis, Shape.of(shape));
    int[] group = groupOfEach(shape, keep);
    int groups = (int) Shape.of(Axes.sizes(Shape.of(shape), keep)).size();
    float[] x = data.floats();
    int perGroup = x.length / groups;
    double[] sum = new double[groups];
    for (int i = 0; i < x.length; i++) {
      sum[group[i]] += x[i];
    }
    double[] squares = new double[groups];
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - sum[group[i]] / perGroup;
      squares[group[i]] += d * d;
    }
    float[] mean = new float[groups];
    float[] variance = new float[groups];
    for (int g = 0; g < groups; g++) {
      mean[g] = (float) (sum[g] / perGroup);
      variance[g] = (float) (squares[g] / perGroup);
    }
    return new Normalization.Adapted(mean, variance, perGroup);
  }

  /** For each element (row-major) of an array of {@code shape}, its index over the kept axes. */
  private static int[] groupOfEach(long[] shape, int[] keep) {
    int n = (int) Shape.of(shape).size();
    int[] group = new int[n];
    int[] index = new int[shape.length];
    for (int i = 0; i < n; i++) {
      int g = 0;
      for (int k : keep) {
        g = g * (int) shape[k] + index[k];
      }
      group[i] = g;
      for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
        index[d] = 0;
      }
    }
    return group;
  }
}
