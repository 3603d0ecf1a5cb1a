package org.nsl4j.savedmodel;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.nsl4j.keras.activations.Activations;
import org.nsl4j.keras.layers.Activation;
import org.nsl4j.keras.layers.ELU;
import org.nsl4j.keras.layers.LeakyReLU;
import org.nsl4j.keras.layers.ReLU;
import org.nsl4j.keras.layers.Softmax;

/**
 * Harness cases of the activation layers and of every named activation, with values from the
 * activations' formulas.
 */
final class ActivationCases {

  private static final float[] X = {-2, -0.5f, 0.5f, 2};

  private ActivationCases() {}

  static Stream<LayerCase> layers() {
    double e1 = Math.exp(-1) - 1;
    double[] col0 = softmax(1, 3);
    double[] col1 = softmax(2, 5);
    double[] row = softmax(1, 2, 3);
    return Stream.of(
        LayerCase.of("ReLU", ReLU::new).input(2).output(2)
            .forward(new float[] {-2, 3}, new float[] {0, 3}),
        // slope 0.1 below the threshold 0.5, capped at 1.5
        LayerCase.of("ReLU max_value negative_slope threshold", () -> new ReLU().maxValue(1.5f)
            .negativeSlope(0.1f).threshold(0.5f)).input(4).output(4)
            .forward(new float[] {-1, 0.2f, 1, 2}, new float[] {-0.15f, -0.03f, 1, 1.5f})
            .sampler(r -> avoiding(r, 0.5, 1.5)),
        LayerCase.of("ReLU max_value 6", () -> new ReLU().maxValue(6f)).input(3).output(3)
            .forward(new float[] {-1, 3, 7}, new float[] {0, 3, 6}),
        LayerCase.of("LeakyReLU", LeakyReLU::new).input(2).output(2)
            .forward(new float[] {-2, 3}, new float[] {-0.6f, 3}),
        LayerCase.of("ELU", ELU::new).input(2).output(2)
            .forward(new float[] {-1, 2}, new float[] {(float) e1, 2}),
        LayerCase.of("ELU alpha 0.5", () -> new ELU(0.5f, null)).input(2).output(2)
            .forward(new float[] {-1, 2}, new float[] {(float) (0.5 * e1), 2}),
        LayerCase.of("Softmax", Softmax::new).input(3).output(3)
            .forward(new float[] {1, 2, 3}, floats(row)),
        // over axis 1 of [[1, 2], [3, 5]]: each column sums to 1
        LayerCase.of("Softmax axis 1", () -> new Softmax(new int[] {1}, null)).input(2, 2)
            .output(2, 2).forward(new float[] {1, 2, 3, 5},
                new float[] {(float) col0[0], (float) col1[0], (float) col0[1], (float) col1[1]}));
  }

  /** One Activation case per activation name, on {@link #X}. */
  static Stream<LayerCase> named() {
    return Stream.of(
        named("linear", x -> x), named("relu", x -> Math.max(x, 0)),
        named("relu6", x -> Math.min(Math.max(x, 0), 6)),
        named("leaky_relu", x -> x > 0 ? x : 0.2 * x),
        named("elu", x -> x > 0 ? x : Math.exp(x) - 1),
        named("selu", x -> 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772
            * (Math.exp(x) - 1))),
        named("sigmoid", ActivationCases::sigmoid), named("tanh", Math::tanh),
        named("swish", x -> x * sigmoid(x)), named("silu", x -> x * sigmoid(x)),
        named("softplus", x -> Math.log1p(Math.exp(x))),
        named("softsign", x -> x / (1 + Math.abs(x))), named("exponential", Math::exp),
        named("mish", x -> x * Math.tanh(Math.log1p(Math.exp(x)))),
        named("hard_sigmoid", x -> Math.min(Math.max(x + 3, 0), 6) / 6),
        named(Activations.HARD_SIGMOID_KERAS2, x -> Math.min(Math.max(0.2 * x + 0.5, 0), 1)),
        named("hard_silu", x -> x * Math.min(Math.max(x + 3, 0), 6) / 6),
        named("hard_swish", x -> x * Math.min(Math.max(x + 3, 0), 6) / 6),
        // x·Φ(x) with the standard normal CDF Φ(0.5) = 0.69146246, Φ(2) = 0.97724987
        LayerCase.of("Activation gelu", () -> new Activation("gelu")).input(4).output(4)
            .forward(X, new float[] {-2 * 0.02275013f, -0.5f * 0.30853754f, 0.5f * 0.69146246f,
                2 * 0.97724987f}),
        LayerCase.of("Activation softmax", () -> new Activation("softmax")).input(4).output(4)
            .forward(X, floats(softmax(-2, -0.5, 0.5, 2))),
        LayerCase.of("Activation log_softmax", () -> new Activation("log_softmax")).input(4)
            .output(4).forward(X, floats(java.util.Arrays.stream(softmax(-2, -0.5, 0.5, 2))
                .map(Math::log).toArray())));
  }

  private static LayerCase named(String name, DoubleUnaryOperator f) {
    float[] expected = new float[X.length];
    for (int i = 0; i < X.length; i++) {
      expected[i] = (float) f.applyAsDouble(X[i]);
    }
    return LayerCase.of("Activation " + name, () -> new Activation(name)).input(4).output(4)
        .forward(X, expected).sampler(r -> avoiding(r, -3, -2.5, 2.5, 3));
  }

  /** Values in [-2.9, 2.9] at least 0.1 away from 0 and from each kink. */
  static double avoiding(Random random, double... kinks) {
    while (true) {
      double x = LayerCase.awayFromZero(random);
      boolean clear = java.util.Arrays.stream(kinks).allMatch(k -> Math.abs(x - k) > 0.1);
      if (Math.abs(x) < 2.9 && clear) {
        return x;
      }
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double[] softmax(double... x) {
    double sum = java.util.Arrays.stream(x).map(Math::exp).sum();
    return java.util.Arrays.stream(x).map(v -> Math.exp(v) / sum).toArray();
  }

  private static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
