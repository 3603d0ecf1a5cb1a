package org.nsl4j.keras.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
}
