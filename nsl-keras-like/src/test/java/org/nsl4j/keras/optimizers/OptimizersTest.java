package org.nsl4j.keras.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Weight;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Three steps of each optimizer on two weights with constant gradients, against the update
 * rules of Keras 3 (and tf-keras's optimizers) computed here in double precision: the weights
 * and the optimizer's slots after every step.
 */
class OptimizersTest {

  private static final double[][] INITIAL = {{1, 2}, {3, 4}};
  private static final double[][] GRADS = {{0.1, 0.1}, {0.01, 0.01}};

  /** The optimizer applied to two weights {@code var0}, {@code var1} in a graph of their own. */
  private static final class Run implements AutoCloseable {
    final Backend backend = new Backend(1);
    final List<Variable<TFloat32>> vars = new ArrayList<>();
    final Op step;

    Run(Optimizer optimizer) {
      Ops tf = backend.tf();
      List<Weight> weights = new ArrayList<>();
      List<Operand<TFloat32>> grads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Ops init = tf.withInitScope();
        Variable<TFloat32> v = init.withName("var" + i).variable(init.constant(floats(INITIAL[i])));
        vars.add(v);
        weights.add(new Weight("var" + i, v, Shape.of(2), true));
        grads.add(tf.constant(floats(GRADS[i])));
      }
      step = optimizer.apply(backend, weights, grads);
    }

    void step() {
      backend.session().runner().addTarget(step).run().close();
    }

    /** The current value of weight {@code i}. */
    float[] weight(int i) {
      return fetch(vars.get(i));
    }

    /** The current value of the state variable named {@code name} (e.g. {@code Adam/var0/m}). */
    float[] slot(String name) {
      return fetch(backend.trainingState().stream().filter(v -> v.op().name().equals(name))
          .findFirst().orElseThrow(() -> new AssertionError("no slot " + name + " in "
              + backend.trainingState().stream().map(v -> v.op().name()).toList())));
    }

    private float[] fetch(Variable<TFloat32> v) {
      try (Result r = backend.session().runner().fetch(v).run()) {
        return FeatureArray.fromTensor(r.get(0)).floats();
      }
    }

    @Override
    public void close() {
      backend.close();
    }
  }

  private static float[] floats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  private static double[][] copy(double[][] a) {
    return Stream.of(a).map(double[]::clone).toArray(double[][]::new);
  }

  private static void assertClose(double[] expected, float[] actual, String what) {
    assertArrayEquals(floats(expected), actual, 1e-6f, what);
  }

  @Test
  void adamMatchesItsUpdateRuleWithBiasCorrectedStepSize() {
    double lr = 0.001;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-7;
    double[][] var = copy(INITIAL);
    double[][] m = new double[2][2];
    double[][] v = new double[2][2];
    try (Run run = new Run(new Adam((float) lr))) {
      for (int t = 1; t <= 3; t++) {
        assertEquals((float) Math.pow(b1, t), run.slot("Adam/beta_1_power")[0], 1e-7f);
        assertEquals((float) Math.pow(b2, t), run.slot("Adam/beta_2_power")[0], 1e-7f);
        run.step();
        double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 2; j++) {
            double g = GRADS[i][j];
            m[i][j] = b1 * m[i][j] + (1 - b1) * g;
            v[i][j] = b2 * v[i][j] + (1 - b2) * g * g;
            var[i][j] -= alpha * m[i][j] / (Math.sqrt(v[i][j]) + eps);
          }
          assertClose(var[i], run.weight(i), "var" + i + " after step " + t);
          assertClose(m[i], run.slot("Adam/var" + i + "/m"), "m" + i);
          assertClose(v[i], run.slot("Adam/var" + i + "/v"), "v" + i);
        }
      }
    }
  }

  static Stream<Arguments> sgdVariants() {
    return Stream.of(Arguments.of(0.0, false), Arguments.of(0.9, false), Arguments.of(0.9, true));
  }

  /**
   * Keras's rule {@code m = μm − lr·g; w += m} (Nesterov: {@code w += μm − lr·g}); the slot
   * holds TensorFlow's accumulator {@code a = μa + g}, which is {@code −m/lr}.
   */
  @ParameterizedTest(name = "momentum {0}, nesterov {1}")
  @MethodSource("sgdVariants")
  void sgdMatchesKerasWithAndWithoutMomentum(double mu, boolean nesterov) {
    double lr = 0.1;
    double[][] var = copy(INITIAL);
    double[][] m = new double[2][2];
    try (Run run = new Run(new SGD((float) lr, (float) mu, nesterov))) {
      for (int t = 1; t <= 3; t++) {
        run.step();
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 2; j++) {
            double g = GRADS[i][j];
            m[i][j] = mu * m[i][j] - lr * g;
            var[i][j] += nesterov ? mu * m[i][j] - lr * g : m[i][j];
          }
          assertClose(var[i], run.weight(i), "var" + i + " after step " + t);
          if (mu > 0) {
            double[] accumulator = {-m[i][0] / lr, -m[i][1] / lr};
            assertClose(accumulator, run.slot("SGD/var" + i + "/momentum"), "momentum" + i);
          }
        }
      }
    }
  }

  static Stream<Arguments> rmspropVariants() {
    return Stream.of(Arguments.of(0.0, false), Arguments.of(0.5, false),
        Arguments.of(0.0, true), Arguments.of(0.5, true));
  }

  /**
   * Keras's rule {@code v = ρv + (1−ρ)g²}, {@code Δ = lr·g / sqrt(v + ε)} (centered: {@code
   * sqrt(v − mg² + ε)} with {@code mg = ρmg + (1−ρ)g}), {@code w −= Δ} or, with momentum, {@code
   * mom = μ·mom + Δ; w −= mom}. An ε of the size of {@code v} shows that it sits inside the root.
   */
  @ParameterizedTest(name = "momentum {0}, centered {1}")
  @MethodSource("rmspropVariants")
  void rmspropMatchesKerasIncludingMomentumAndCentered(double mu, boolean centered) {
    double lr = 0.01;
    double rho = 0.9;
    double eps = 1e-3;
    double[][] var = copy(INITIAL);
    double[][] ms = new double[2][2];
    double[][] mg = new double[2][2];
    double[][] mom = new double[2][2];
    try (Run run = new Run(new RMSprop((float) lr, (float) rho, (float) mu, (float) eps,
        centered))) {
      for (int t = 1; t <= 3; t++) {
        run.step();
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 2; j++) {
            double g = GRADS[i][j];
            ms[i][j] = rho * ms[i][j] + (1 - rho) * g * g;
            mg[i][j] = rho * mg[i][j] + (1 - rho) * g;
            double denominator = centered ? ms[i][j] - mg[i][j] * mg[i][j] : ms[i][j];
            mom[i][j] = mu * mom[i][j] + lr * g / Math.sqrt(denominator + eps);
            var[i][j] -= mom[i][j];
          }
          assertClose(var[i], run.weight(i), "var" + i + " after step " + t);
          assertClose(ms[i], run.slot("RMSprop/var" + i + "/rms"), "rms" + i);
          if (centered) {
            assertClose(mg[i], run.slot("RMSprop/var" + i + "/mg"), "mg" + i);
          }
        }
      }
    }
  }

  @Test
  void rmspropDefaultsReproduceKerasSingleStepValues() {
    // Keras 3's rmsprop_test: learning rate 0.5, gradients [1, 6, 7, 2] on [1, 2, 3, 4].
    try (Backend backend = new Backend(1)) {
      Ops init = backend.tf().withInitScope();
      Variable<TFloat32> v = init.withName("w").variable(init.constant(new float[] {1, 2, 3, 4}));
      Op step = new RMSprop(0.5f).apply(backend, List.of(new Weight("w", v, Shape.of(4), true)),
          List.of(backend.tf().constant(new float[] {1, 6, 7, 2})));
      backend.session().runner().addTarget(step).run().close();
      try (Result r = backend.session().runner().fetch(v).run()) {
        assertArrayEquals(new float[] {-0.5811f, 0.4189f, 1.4189f, 2.4189f},
            FeatureArray.fromTensor(r.get(0)).floats(), 1e-4f);
      }
    }
  }

  @Test
  void badHyperparametersNameTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RMSprop(0.01f, 0.9f, 1f, 1e-7f, false));
    assertEquals("RMSprop momentum must be in [0, 1), got 1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new RMSprop(0.01f, 0.9f, 0f, 0f, false));
    assertEquals("RMSprop epsilon must be positive and finite, got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SGD(0.01f, -0.5f, true));
    assertEquals("SGD momentum must be in [0, 1), got -0.5", e.getMessage());
  }
}
