package org.nsl4j.keras.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.training.FitOptions;

class TerminateOnNaNTest {

  @Test
  void aNonFiniteLossStopsTrainingAtItsBatch() {
    float[] x = new float[2 * 12];
    long[] y = new long[12];
    x[2 * 6] = Float.NaN; // row 6: in the second batch of four
    Dataset data = Dataset.fromTensorSlices(FeatureArray.ofFloats(x, 12, 2),
        FeatureArray.ofLongs(y, 12)).batch(4);
    try (Sequential model = SmallModels.mlp()) {
      model.compile("sgd", "sparse_categorical_crossentropy");
      TerminateOnNaN nan = new TerminateOnNaN();
      List<Integer> batches = new ArrayList<>();
      Callback count = new Callback() {
        @Override
        public void onBatchEnd(int batch, Map<String, Double> logs) {
          batches.add(batch);
        }
      };
      History h = model.fit(data, FitOptions.epochs(3).verbose(0).callback(nan, count));
      assertTrue(nan.terminated());
      assertTrue(nan.reason().contains("epoch 1, batch 2") && nan.reason().contains("NaN"),
          nan.reason());
      assertEquals(List.of(0, 1), batches, "batch 2 never runs");
      assertEquals(List.of(0), h.epochs());
      assertTrue(Double.isNaN(h.last("loss")));
    }
    try (Sequential model = SmallModels.mlp()) {
      model.compile("sgd", "sparse_categorical_crossentropy");
      TerminateOnNaN fine = new TerminateOnNaN();
      model.fit(data.take(1), FitOptions.epochs(2).verbose(0).callback(fine));
      assertFalse(fine.terminated());
      assertEquals(null, fine.reason());
    }
  }
}
