package org.nsl4j.keras.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.metrics.Metrics;
import org.nsl4j.keras.optimizers.SGD;
import org.nsl4j.keras.training.FitOptions;

/** compile/fit/evaluate of a model with two outputs: a loss and a weight per output. */
class MultiOutputTrainingTest {

  private static final float[] X = {1, 2, -1, 0.5f, 0, -2, 3, 1};
  private static final float[] Y_REG = {1, -1, 0.5f, 2};
  private static final long[] Y_CLS = {0, 1, 1, 0};

  /** x → reg = dense(x) (1 unit), cls = dense(x) (2 classes), with set weights. */
  private static Model twoHeads() {
    KerasTensor in = Input.of("x", 2);
    KerasTensor reg = new Dense(1, null, "reg").useBias(false).apply(in);
    KerasTensor cls = new Dense(2, null, "cls").useBias(false).apply(in);
    Model m = new Model(List.of(in), List.of(reg, cls));
    m.build();
    m.getLayer("reg").setWeights(List.of(FeatureArray.ofFloats(new float[] {0.5f, -1}, 2, 1)));
    m.getLayer("cls").setWeights(
        List.of(FeatureArray.ofFloats(new float[] {1, -1, 0.5f, 2}, 2, 2)));
    return m;
  }

  private static Dataset data() {
    Features f = Features.of("x", FeatureArray.ofFloats(X, 4, 2), "reg",
        FeatureArray.ofFloats(Y_REG, 4, 1)).with("cls", FeatureArray.ofLongs(Y_CLS, 4));
    return Dataset.fromTensorSlices(f).batch(4);
  }

  private static void compile(Model m) {
    Loss mse = Losses.meanSquaredError();
    Loss ce = Losses.sparseCategoricalCrossentropy(true);
    m.compile(new SGD(0.05f), Map.of("reg", mse, "cls", ce), Map.of("reg", 0.5),
        Map.of("cls", List.of(Metrics.sparseCategoricalAccuracy())));
  }

  @Test
  void theLossIsTheWeightedSumOfEachOutputsLoss() {
    try (Model m = twoHeads()) {
      compile(m);
      Map<String, Double> eval = m.evaluate(data(), 0);
      assertEquals(List.of("loss", "reg_loss", "cls_loss", "cls_sparse_categorical_accuracy"),
          List.copyOf(eval.keySet()));
      double reg = 0;
      double ce = 0;
      int correct = 0;
      for (int i = 0; i < 4; i++) {
        float a = X[2 * i];
        float b = X[2 * i + 1];
        double p = 0.5 * a - b;
        reg += (p - Y_REG[i]) * (p - Y_REG[i]) / 4;
        double l0 = a + 0.5 * b;
        double l1 = -a + 2 * b;
        double logSum = Math.log(Math.exp(l0) + Math.exp(l1));
        ce += (logSum - (Y_CLS[i] == 0 ? l0 : l1)) / 4;
        correct += ((l1 > l0 ? 1 : 0) == Y_CLS[i]) ? 1 : 0;
      }
      assertEquals(reg, eval.get("reg_loss"), 1e-5);
      assertEquals(ce, eval.get("cls_loss"), 1e-5);
      assertEquals(0.5 * reg + ce, eval.get("loss"), 1e-5);
      assertEquals(correct / 4.0, eval.get("cls_sparse_categorical_accuracy"), 0);

      History h = m.fit(data(), FitOptions.epochs(40).verbose(0));
      assertEquals(List.copyOf(eval.keySet()), List.copyOf(h.history().keySet()));
      assertTrue(h.last("reg_loss") < reg / 4 && h.last("cls_loss") < ce / 2, h.history()
          .toString());
    }
  }

  @Test
  void oneSharedLossAppliesToEveryOutput() {
    KerasTensor in = Input.of("x", 2);
    try (Model m = new Model(List.of(in),
        List.of(new Dense(1, null, "a").apply(in), new Dense(1, null, "b").apply(in)))) {
      m.compile(new SGD(0.05f), Losses.meanSquaredError(), List.of());
      Features f = Features.of("x", FeatureArray.ofFloats(X, 4, 2), "a",
          FeatureArray.ofFloats(Y_REG, 4, 1)).with("b", FeatureArray.ofFloats(Y_REG, 4, 1));
      Map<String, Double> eval = m.evaluate(Dataset.fromTensorSlices(f).batch(2), 0);
      assertEquals(List.of("loss", "a_loss", "b_loss"), List.copyOf(eval.keySet()));
      assertEquals(eval.get("a_loss") + eval.get("b_loss"), eval.get("loss"), 1e-6);
    }
  }

  @Test
  void missingLossesAndLabelsAreNamed() {
    try (Model m = twoHeads()) {
      m.compile(new SGD(0.1f), Map.of("reg", Losses.meanSquaredError()), Map.of(), Map.of());
      IllegalArgumentException noLoss =
          assertThrows(IllegalArgumentException.class, () -> m.evaluate(data(), 0));
      assertTrue(noLoss.getMessage().contains("'cls'"), noLoss.getMessage());
    }
    try (Model m = twoHeads()) {
      m.compile(new SGD(0.1f), Map.of("reg", Losses.meanSquaredError(), "clss",
          Losses.meanSquaredError()), Map.of(), Map.of());
      IllegalArgumentException typo =
          assertThrows(IllegalArgumentException.class, () -> m.evaluate(data(), 0));
      assertTrue(typo.getMessage().contains("'clss'") && typo.getMessage().contains("[reg, cls]"),
          typo.getMessage());
    }
    try (Model m = twoHeads()) {
      compile(m);
      Dataset noCls = Dataset.fromTensorSlices(Features.of("x", FeatureArray.ofFloats(X, 4, 2),
          "reg", FeatureArray.ofFloats(Y_REG, 4, 1))).batch(4);
      IllegalArgumentException missing =
          assertThrows(IllegalArgumentException.class, () -> m.fit(noCls, 1));
      assertTrue(missing.getMessage().contains("'cls'"), missing.getMessage());
    }
  }
}
