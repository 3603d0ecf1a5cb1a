package org.nsl4j.keras.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.core.configs.FeatureConstant;
import org.nsl4j.keras.backend.CallContext;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.models.Input;
import org.nsl4j.keras.models.KerasTensor;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.training.FitOptions;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.optimizers.Adam;
import org.nsl4j.keras.optimizers.SGD;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class AdversarialRegularizationTest {

  private static final AdvRegConfig FGSM = AdvConfigs.makeAdvRegConfig()
      .multiplier(0.2f).advStepSize(0.01f).advGradNorm("infinity").build();

  /** NSL's linear-model golden test: w = [[4], [-3]], x = [[2, 3]], y = 0, MSE, SGD 0.01. */
  private static Sequential linearModel() {
    Sequential model =
        new Sequential(new InputLayer("feature", 2), new Dense(1).useBias(false));
    model.build();
    model.layers().get(0).setWeights(List.of(FeatureArray.ofFloats(new float[] {4, -3}, 2, 1)));
    return model;
  }

  private static Features linearBatch() {
    return Features.of("feature", FeatureArray.ofFloats(new float[] {2, 3}, 1, 2),
        "label", FeatureArray.ofFloats(new float[] {0}, 1, 1));
  }

  @Test
  void fgsmNeighborAndOneTrainingStepMatchNslGoldenValues() {
    try (Sequential base = linearModel()) {
      AdversarialRegularization adv = new AdversarialRegularization(base, FGSM);
      adv.compile(new SGD(0.01f), Losses.meanSquaredError());
      Features neighbor = adv.perturbOnBatch(linearBatch());
      assertArrayEquals(new float[] {1.99f, 3.01f}, neighbor.get("feature").floats(), 1e-6f);
      assertArrayEquals(new float[] {0f}, neighbor.get("label").floats(), 0f);

      adv.fit(Dataset.fromTensorSlices(linearBatch()).batch(1), FitOptions.epochs(1).verbose(0));
      assertArrayEquals(new float[] {4.0485172f, -2.9271172f},
          base.layers().get(0).getWeights().get(0).floats(), 1e-6f);
    }
  }

  /**
   * NSL's {@code test_train_fgsm_with_sample_weights}: with sample weight 2 both loss gradients
   * double, the attack direction does not change, and one SGD step gives {@code w − lr × (2 ×
   * 2(ŷ − y)x + multiplier × 2 × 2(ŷ_adv − y)x_adv)}.
   */
  @Test
  void fgsmTrainingWithSampleWeightsMatchesNslGoldenValues() {
    double[] w = {4, -3};
    double[] x = {2, 3};
    double sampleWeight = 2;
    double lr = 0.01;
    double yHat = x[0] * w[0] + x[1] * w[1];
    double[] xAdv = new double[2];
    double[] expected = new double[2];
    for (int i = 0; i < 2; i++) {
      xAdv[i] = x[i] + 0.01 * Math.signum(yHat * w[i]);
    }
    double yHatAdv = xAdv[0] * w[0] + xAdv[1] * w[1];
    for (int i = 0; i < 2; i++) {
      double labeled = sampleWeight * 2 * yHat * x[i];
      double adversarial = 0.2 * sampleWeight * 2 * yHatAdv * xAdv[i];
      expected[i] = w[i] - lr * (labeled + adversarial);
    }
    try (Sequential base = linearModel()) {
      AdversarialRegularization adv =
          new AdversarialRegularization(base, List.of("label"), "sample_weight", FGSM);
      adv.compile(new SGD((float) lr), Losses.meanSquaredError());
      Features batch = linearBatch().with("sample_weight",
          FeatureArray.ofFloats(new float[] {(float) sampleWeight}, 1));
      adv.fit(Dataset.fromTensorSlices(batch).batch(1), FitOptions.epochs(1).verbose(0));
      assertArrayEquals(new float[] {(float) expected[0], (float) expected[1]},
          base.layers().get(0).getWeights().get(0).floats(), 1e-6f);
    }
  }

  @Test
  void perturbOnBatchLeavesWeightsAloneAndAcceptsOverrides() {
    try (Sequential base = linearModel()) {
      AdversarialRegularization adv = new AdversarialRegularization(base, FGSM);
      adv.compile(new SGD(0.01f), Losses.meanSquaredError());
      float[] before = base.getWeights().get(0).floats().clone();
      Features l2 = adv.perturbOnBatch(linearBatch(), b -> b.advGradNorm("l2").advStepSize(0.1f));
      // gradient w.r.t. x is [-8, 6]; its L2 direction is [-0.8, 0.6].
      assertArrayEquals(new float[] {2f - 0.08f, 3f + 0.06f}, l2.get("feature").floats(), 1e-6f);
      assertArrayEquals(before, base.getWeights().get(0).floats(), 0f);
    }
  }

  @Test
  void evaluateAndFitReportNslMetricNamesInOrder() {
    try (Sequential base = mlp()) {
      AdversarialRegularization adv = new AdversarialRegularization(base, AdvConfigs
          .makeAdvRegConfig().multiplier(0.2f).advStepSize(0.05f).advGradNorm("infinity").build());
      adv.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      Dataset data = blobs(64);
      History h = adv.fit(data, FitOptions.epochs(2).verbose(0));
      List<String> names = List.of("loss", "sparse_categorical_crossentropy",
          "sparse_categorical_accuracy", "scaled_adversarial_loss");
      assertEquals(names, List.copyOf(h.history().keySet()));
      Map<String, Double> eval = adv.evaluate(data, 0);
      assertEquals(names, List.copyOf(eval.keySet()));
      assertEquals(eval.get("loss"),
          eval.get("sparse_categorical_crossentropy") + eval.get("scaled_adversarial_loss"), 1e-5);
      assertTrue(eval.get("scaled_adversarial_loss") > 0);
    }
  }

  static Stream<Arguments> styles() {
    return Stream.of(
        Arguments.of("functional", (Supplier<Model>) () -> {
          KerasTensor in = Input.of("image", 2);
          return new Model(in, new Dense(2).apply(new Dense(16, "relu").apply(in)));
        }),
        Arguments.of("sequential", (Supplier<Model>) AdversarialRegularizationTest::mlp),
        Arguments.of("subclassed", (Supplier<Model>) () -> new Mlp().build("image", 2)));
  }

  /** A subclassed base model. */
  static final class Mlp extends Model {
    private final Layer hidden = new Dense(16, "relu");
    private final Layer out = new Dense(2);

    @Override
    protected Operand<TFloat32> call(Operand<TFloat32> inputs, boolean training) {
      return out.apply(hidden.apply(inputs));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("styles")
  void trainsEveryModelStyle(String style, Supplier<Model> factory) {
    try (Model base = factory.get()) {
      AdversarialRegularization adv = new AdversarialRegularization(base, FGSM);
      adv.compile(new Adam(0.05f), Losses.sparseCategoricalCrossentropy(true), "accuracy");
      History h = adv.fit(blobs(128), FitOptions.epochs(15).verbose(0));
      assertTrue(h.last("loss") < h.get("loss").get(0), style + ": " + h.history());
      assertTrue(h.last("sparse_categorical_accuracy") > 0.95, style + ": " + h.history());
      assertTrue(adv.baseModel() == base);
    }
  }

  @Test
  void cleanBackwardPassIsSharedWithTheAttack() {
    try (Sequential base = new Sequential(new InputLayer("image", 28, 28, 1),
        new Conv2D(8, 3, "relu"), new MaxPooling2D(2), new Conv2D(8, 3, "relu"), new Flatten(),
        new Dense(10))) {
      AdversarialRegularization adv = new AdversarialRegularization(base, FGSM);
      adv.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      FeatureArray images = FeatureArray.ofFloats(new float[2 * 784], 2, 28, 28, 1);
      adv.fit(Dataset.fromTensorSlices(Features.of("image", images, "label",
          FeatureArray.ofLongs(new long[] {1, 2}, 2))).batch(2), FitOptions.epochs(1).verbose(0));
      // Training backpropagates through each relu twice: once for the clean loss (input and
      // weights together) and once for the neighbor's loss. Differentiating the clean loss
      // separately for the input and for the weights would make it three times.
      assertEquals(2 * 2, countTrainingOps(base, "ReluGrad"));
    }
  }

  @Test
  void badInputGetsClearErrors() {
    try (Sequential base = mlp()) {
      AdversarialRegularization adv = new AdversarialRegularization(base, FGSM);
      IllegalStateException uncompiled = assertThrows(IllegalStateException.class,
          () -> adv.perturbOnBatch(Features.of("image", FeatureArray.ofFloats(new float[2], 1, 2),
              "label", FeatureArray.ofLongs(new long[1], 1))));
      assertTrue(uncompiled.getMessage().contains("compiled"), uncompiled.getMessage());
      adv.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      FeatureArray x = FeatureArray.ofFloats(new float[8], 4, 2);
      FeatureArray y = FeatureArray.ofLongs(new long[4], 4);
      IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
          () -> adv.fit(Dataset.fromTensorSlices(Features.of("image", x)).batch(2), 1));
      assertTrue(missing.getMessage().contains("label key 'label'"), missing.getMessage());
      IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
          () -> adv.evaluate(Dataset.fromTensorSlices(Features.of("image", x, "label", y)
              .with("extra", y)).batch(2), 0));
      assertTrue(extra.getMessage().contains("'extra'"), extra.getMessage());
      FeatureArray wrong = FeatureArray.ofFloats(new float[12], 4, 3);
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
          () -> adv.perturbOnBatch(Features.of("image", wrong, "label", y)));
      assertTrue(shape.getMessage().contains("'image'") && shape.getMessage().contains("(None, 2)"),
          shape.getMessage());
      IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
          () -> new AdversarialRegularization(base, AdvConfigs.makeAdvRegConfig()
              .featureMask(Map.of("label", FeatureConstant.scalar(1f))).build()));
      assertTrue(mask.getMessage().contains("'label'"), mask.getMessage());
    }
  }

  /** A base model whose output does not depend on its input (its loss has no input gradient). */
  static final class IgnoresItsInput extends Model {
    private final Layer out = new Dense(2);

    @Override
    protected Operand<TFloat32> call(Operand<TFloat32> inputs, boolean training) {
      return out.apply(CallContext.current().branch().constant(new float[][] {{1f, -1f}}));
    }
  }

  @Test
  void anInputTheLossDoesNotDependOnIsPassedThroughWithOneWarning() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (Model base = new IgnoresItsInput().build("image", 2)) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      AdversarialRegularization adv = new AdversarialRegularization(base, FGSM);
      adv.compile(new SGD(0.1f), Losses.sparseCategoricalCrossentropy(true));
      Features batch = Features.of("image", FeatureArray.ofFloats(new float[] {0.5f, -2f}, 1, 2),
          "label", FeatureArray.ofLongs(new long[] {1}, 1));
      Dataset data = Dataset.fromTensorSlices(batch).batch(1);
      adv.fit(data, FitOptions.epochs(2).verbose(0));
      Map<String, Double> eval = adv.evaluate(data, 0);
      assertEquals(0.2 * eval.get("sparse_categorical_crossentropy"),
          eval.get("scaled_adversarial_loss"), 1e-6);
      assertArrayEquals(batch.get("image").floats(),
          adv.perturbOnBatch(batch).get("image").floats(), 0f);
    } finally {
      System.setErr(stderr);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertEquals(1, log.lines().filter(l -> l.contains("WARN")).count(), log);
    assertTrue(log.contains("'image'") && log.contains("passed through unchanged"), log);
  }

  /** Ops of {@code type} outside the evaluation graph. */
  private static long countTrainingOps(Model model, String type) {
    long n = 0;
    Iterator<GraphOperation> ops = model.backend().graph().operations();
    while (ops.hasNext()) {
      GraphOperation op = ops.next();
      if (op.type().equals(type) && !op.name().startsWith("eval_gradients")) {
        n++;
      }
    }
    return n;
  }

  static Sequential mlp() {
    return new Sequential(new InputLayer("image", 2), new Dense(16, "relu"), new Dense(2));
  }

  static Dataset blobs(int n) {
    float[] x = new float[2 * n];
    long[] y = new long[n];
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      float c = y[i] == 0 ? -2f : 2f;
      x[2 * i] = c + (float) r.nextGaussian() * 0.4f;
      x[2 * i + 1] = c + (float) r.nextGaussian() * 0.4f;
    }
    return Dataset.fromTensorSlices(Features.of("image", FeatureArray.ofFloats(x, n, 2), "label",
        FeatureArray.ofLongs(y, n))).shuffle(n, 1).batch(16);
  }
}
