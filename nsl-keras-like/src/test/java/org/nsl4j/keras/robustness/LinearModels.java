package org.nsl4j.keras.robustness;

import java.util.List;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;
import org.tensorflow.op.Ops;

/** A linear classifier {@code z = x W + b} with given weights, whose gradients are known. */
final class LinearModels {

  static final float[][] W = {{1f, -2f, 0.5f}, {-1f, 0.5f, 2f}, {0.3f, 1f, -1f}, {2f, -0.5f, 0f}};
  static final float[] B = {0.1f, -0.2f, 0f};

  private LinearModels() {}

  /** The model {@code x W + b} over inputs of 4 values. */
  static Model linear() {
    Model model = new Sequential(new InputLayer("x", 4), new Dense(3));
    model.build();
    List<Weight> weights = model.weights();
    Ops tf = model.backend().tf();
    model.session().runner()
        .addTarget(tf.assign(weights.get(0).variable(), tf.constant(W)))
        .addTarget(tf.assign(weights.get(1).variable(), tf.constant(B)))
        .run();
    return model;
  }

  /** The logits of one input. */
  static float[] logits(float[] x) {
    float[] z = B.clone();
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 4; i++) {
        z[c] += x[i] * W[i][c];
      }
    }
    return z;
  }

  /** The gradient of the cross-entropy of class {@code y} with respect to the input. */
  static float[] crossEntropyGradient(float[] x, int y) {
    float[] z = logits(x);
    double max = Math.max(z[0], Math.max(z[1], z[2]));
    double sum = 0;
    double[] p = new double[3];
    for (int c = 0; c < 3; c++) {
      p[c] = Math.exp(z[c] - max);
      sum += p[c];
    }
    float[] g = new float[4];
    for (int i = 0; i < 4; i++) {
      for (int c = 0; c < 3; c++) {
        g[i] += (float) ((p[c] / sum - (c == y ? 1 : 0)) * W[i][c]);
      }
    }
    return g;
  }
}
