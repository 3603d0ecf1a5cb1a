package org.nsl4j.keras.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.core.configs.FeatureConstant;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.models.Input;
import org.nsl4j.keras.models.KerasTensor;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.optimizers.SGD;
import org.nsl4j.keras.training.FitOptions;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adversarial regularization of a two-input linear model, against NSL's computation by hand:
 * the inputs are perturbed jointly (one L2 norm per example across both), a feature mask applies
 * per input, and with two outputs the losses are weighted per output.
 */
class MultiInputAdversarialTest {

  private static final float[] WA = {2, -1};
  private static final float WB = 3;
  private static final float[] A = {1, 1, 0.5f, -1};
  private static final float[] B = {2, -0.5f};
  private static final float[] Y = {0, 1};

  /** Adds its inputs. */
  static final class Sum extends Layer {
    Sum() {
      super("sum");
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, boolean training) {
      return tf.math.addN(inputs);
    }
  }

  /** out = wa·a + wb·b, or the two terms as two outputs. */
  private static Model linear(boolean twoOutputs) {
    KerasTensor a = Input.of("a", 2);
    KerasTensor b = Input.of("b", 1);
    KerasTensor oa = new Dense(1, null, "da").useBias(false).apply(a);
    KerasTensor ob = new Dense(1, null, "db").useBias(false).apply(b);
    Model m = new Model(List.of(a, b), twoOutputs ? List.of(oa, ob)
        : List.of(new Sum().apply(oa, ob)));
    m.build();
    m.getLayer("da").setWeights(List.of(FeatureArray.ofFloats(WA.clone(), 2, 1)));
    m.getLayer("db").setWeights(List.of(FeatureArray.ofFloats(new float[] {WB}, 1, 1)));
    return m;
  }

  private static Features batch() {
    return Features.of("a", FeatureArray.ofFloats(A, 2, 2), "b", FeatureArray.ofFloats(B, 2, 1))
        .with("label", FeatureArray.ofFloats(Y, 2, 1));
  }

  private static AdvRegConfig l2(float step) {
    return AdvConfigs.makeAdvRegConfig().multiplier(0.2f).advStepSize(step).advGradNorm("l2")
        .build();
  }

  /** Example {@code i}'s gradient of the batch-mean MSE on {@code a} and {@code b}. */
  private static double[] gradient(float[] a, float[] b, int i) {
    double p = WA[0] * a[2 * i] + WA[1] * a[2 * i + 1] + WB * b[i];
    double d = 2 * (p - Y[i]) / 2; // mean over the 2 examples
    return new double[] {d * WA[0], d * WA[1], d * WB};
  }

  /** The wrapper of {@code base} under {@code config}, compiled with SGD 0.01 and MSE. */
  private static AdversarialRegularization compiled(Model base, AdvRegConfig config) {
    AdversarialRegularization adv = new AdversarialRegularization(base, config);
    adv.compile(new SGD(0.01f), Losses.meanSquaredError());
    return adv;
  }

  @Test
  void bothInputsArePerturbedJointlyUnderOneNormPerExample() {
    try (Model base = linear(false)) {
      Features neighbor = compiled(base, l2(0.1f)).perturbOnBatch(batch());
      float[] na = neighbor.get("a").floats();
      float[] nb = neighbor.get("b").floats();
      for (int i = 0; i < 2; i++) {
        double[] g = gradient(A, B, i);
        double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
        assertEquals(A[2 * i] + 0.1 * g[0] / norm, na[2 * i], 1e-6);
        assertEquals(A[2 * i + 1] + 0.1 * g[1] / norm, na[2 * i + 1], 1e-6);
        assertEquals(B[i] + 0.1 * g[2] / norm, nb[i], 1e-6);
      }
      assertArrayEquals(Y, neighbor.get("label").floats(), 0f);
    }
  }

  @Test
  void aFeatureMaskAppliesToItsInputOnly() {
    try (Model base = linear(false)) {
      AdvRegConfig masked = AdvConfigs.makeAdvRegConfig().multiplier(0.2f).advStepSize(0.1f)
          .advGradNorm("l2").featureMask(Map.of("b", FeatureConstant.scalar(0f))).build();
      Features neighbor = compiled(base, masked).perturbOnBatch(batch());
      assertArrayEquals(B, neighbor.get("b").floats(), 0f);
      double[] g = gradient(A, B, 0);
      double norm = Math.hypot(g[0], g[1]);
      assertEquals(A[0] + 0.1 * g[0] / norm, neighbor.get("a").floats()[0], 1e-6);
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
          () -> new AdversarialRegularization(base, AdvConfigs.makeAdvRegConfig()
              .featureMask(Map.of("c", FeatureConstant.scalar(1f))).build()));
      assertTrue(unknown.getMessage().contains("'c'") && unknown.getMessage().contains("[a, b]"),
          unknown.getMessage());
    }
  }

  @Test
  void oneTrainingStepMatchesTheHandComputedObjective() {
    try (Model base = linear(false)) {
      AdversarialRegularization adv = compiled(base, l2(0.1f));
      Features neighbor = adv.perturbOnBatch(batch());
      float[] na = neighbor.get("a").floats();
      float[] nb = neighbor.get("b").floats();
      // d/dw of mean (p - y)^2 + 0.2 * mean (p' - y)^2, the neighbors held fixed
      double[] grad = new double[3];
      for (int i = 0; i < 2; i++) {
        double p = WA[0] * A[2 * i] + WA[1] * A[2 * i + 1] + WB * B[i];
        double q = WA[0] * na[2 * i] + WA[1] * na[2 * i + 1] + WB * nb[i];
        grad[0] += (p - Y[i]) * A[2 * i] + 0.2 * (q - Y[i]) * na[2 * i];
        grad[1] += (p - Y[i]) * A[2 * i + 1] + 0.2 * (q - Y[i]) * na[2 * i + 1];
        grad[2] += (p - Y[i]) * B[i] + 0.2 * (q - Y[i]) * nb[i];
      }
      adv.fit(Dataset.fromTensorSlices(batch()).batch(2), FitOptions.epochs(1).verbose(0));
      float[] wa = base.getLayer("da").getWeights().get(0).floats();
      float[] wb = base.getLayer("db").getWeights().get(0).floats();
      assertEquals(WA[0] - 0.01 * grad[0], wa[0], 1e-5);
      assertEquals(WA[1] - 0.01 * grad[1], wa[1], 1e-5);
      assertEquals(WB - 0.01 * grad[2], wb[0], 1e-5);
    }
  }

  @Test
  void twoOutputsTakeOneLabelKeyAndAWeightedLossEach() {
    try (Model base = linear(true)) {
      AdversarialRegularization adv =
          new AdversarialRegularization(base, List.of("ya", "yb"), null, l2(0.1f));
      adv.compile(new SGD(0.01f), Map.of("da", Losses.meanSquaredError(), "db",
          Losses.meanSquaredError()), Map.of("db", 0.5), Map.of());
      Features batch = Features.of("a", FeatureArray.ofFloats(A, 2, 2), "b",
          FeatureArray.ofFloats(B, 2, 1)).with("ya", FeatureArray.ofFloats(Y, 2, 1))
          .with("yb", FeatureArray.ofFloats(new float[] {1, 1}, 2, 1));
      Map<String, Double> eval = adv.evaluate(Dataset.fromTensorSlices(batch).batch(2), 0);
      assertEquals(List.of("loss", "mean_squared_error_ya", "mean_squared_error_yb",
          "scaled_adversarial_loss"), List.copyOf(eval.keySet()));
      double la = 0;
      double lb = 0;
      for (int i = 0; i < 2; i++) {
        double pa = WA[0] * A[2 * i] + WA[1] * A[2 * i + 1] - Y[i];
        double pb = WB * B[i] - 1;
        la += pa * pa / 2;
        lb += pb * pb / 2;
      }
      assertEquals(la, eval.get("mean_squared_error_ya"), 1e-5);
      assertEquals(lb, eval.get("mean_squared_error_yb"), 1e-5);
      assertEquals(la + 0.5 * lb + eval.get("scaled_adversarial_loss"), eval.get("loss"), 1e-5);
      assertTrue(eval.get("scaled_adversarial_loss") > 0.2 * (la + 0.5 * lb),
          "neighbors raise the weighted loss: " + eval);
      IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
          () -> new AdversarialRegularization(base, l2(0.1f)));
      assertTrue(one.getMessage().contains("it has 2"), one.getMessage());
    }
  }
}
