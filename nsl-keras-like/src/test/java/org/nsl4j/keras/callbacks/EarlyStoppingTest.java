package org.nsl4j.keras.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.training.FitOptions;

/** Keras's EarlyStopping rules, on scripted metric values. */
class EarlyStoppingTest {

  /** The epochs a fit runs when {@code metric} takes {@code values}, watched by {@code stop}. */
  private static int epochsRun(EarlyStopping stop, String metric, double... values) {
    try (Sequential model = SmallModels.mlp()) {
      model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
      History h = model.fit(SmallModels.blobs(8, 8), FitOptions.epochs(values.length).verbose(0)
          .callback(SmallModels.scripted(metric, values), stop));
      return h.epochs().size();
    }
  }

  @Test
  void patienceCountsEpochsWithoutAnImprovementBiggerThanMinDelta() {
    double[] loss = {1.0, 0.8, 0.79, 0.85, 0.9, 0.7, 0.6, 0.5};
    assertEquals(4, epochsRun(new EarlyStopping().monitor("val_loss"), "val_loss", loss));
    assertEquals(5, epochsRun(new EarlyStopping().patience(2), "val_loss", loss));
    // with minDelta 0.05, 0.79 is no improvement on 0.8: patience 2 runs out at 0.85
    assertEquals(4, epochsRun(new EarlyStopping().patience(2).minDelta(0.05), "val_loss", loss));
    assertEquals(8, epochsRun(new EarlyStopping().patience(3), "val_loss", loss));
    // accuracies must rise (mode inferred from the name); an equal value is no improvement
    assertEquals(3, epochsRun(new EarlyStopping().monitor("val_acc"), "val_acc",
        0.5, 0.6, 0.55, 0.7));
    assertEquals(2, epochsRun(new EarlyStopping().mode(MonitorMode.MAX).monitor("score"),
        "score", 1, 1, 0.5, 2));
  }

  @Test
  void aBaselineMustBeBeatenToResetPatience() {
    double[] loss = {1.0, 0.9, 0.8, 0.7, 0.6};
    EarlyStopping stop = new EarlyStopping().patience(2).baseline(0.65);
    assertEquals(2, epochsRun(stop, "val_loss", loss));
    assertEquals(1, stop.stoppedEpoch());
    // never in the first epoch, although 1.0 does not beat the baseline and patience is 0
    assertEquals(3, epochsRun(new EarlyStopping().baseline(0.5), "val_loss", 1.0, 0.4, 0.3));
    EarlyStopping never = new EarlyStopping().patience(2);
    assertEquals(5, epochsRun(never, "val_loss", loss));
    assertEquals(-1, never.stoppedEpoch());
  }

  @Test
  void restoreBestWeightsEndsWithTheBestEpochsWeights() {
    try (Sequential model = SmallModels.mlp()) {
      model.compile("sgd", "sparse_categorical_crossentropy");
      List<List<FeatureArray>> afterEpoch = new ArrayList<>();
      EarlyStopping stop = new EarlyStopping().patience(2).restoreBestWeights(true);
      model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(10).verbose(0).callback(
          SmallModels.scripted("val_loss", 3, 2, 1, 4, 5, 6, 7, 8, 9, 10),
          SmallModels.atEpochEnd((e, logs) -> afterEpoch.add(model.getWeights())), stop));
      assertEquals(5, afterEpoch.size());
      assertEquals(2, stop.bestEpoch());
      List<float[]> best = SmallModels.values(afterEpoch.get(2));
      List<float[]> now = SmallModels.values(model.getWeights());
      for (int i = 0; i < best.size(); i++) {
        assertArrayEquals(best.get(i), now.get(i), 0f);
      }
      float[] last = afterEpoch.get(4).get(0).floats();
      assertEquals(false, java.util.Arrays.equals(last, now.get(0)), "training changed them");
    }
  }
}
