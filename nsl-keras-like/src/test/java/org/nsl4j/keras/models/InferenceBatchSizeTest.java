package org.nsl4j.keras.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.optimizers.Adam;

/** Inference passes give the same results whatever batch size they run at. */
class InferenceBatchSizeTest {

  @Test
  void predictAndEvaluateDoNotDependOnTheBatchSize() {
    Random r = new Random(5);
    int n = 300;
    float[] pixels = new float[n * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = r.nextFloat();
    }
    FeatureArray x = FeatureArray.ofFloats(pixels, n, 28, 28, 1);
    FeatureArray y = FeatureArray.ofLongs(r.longs(n, 0, 10).toArray(), n);
    try (Model model = TutorialModels.sequential()) {
      model.compile(new Adam(), Losses.sparseCategoricalCrossentropy(true), "accuracy");
      model.fit(Dataset.fromTensorSlices(x, y).batch(32), org.nsl4j.keras.training.FitOptions
          .epochs(1).verbose(0));
      float[] byOne = model.predict(x.rows(0, 40), 1).floats();
      float[] by32 = model.predict(x, 32).floats();
      float[] by256 = model.predict(x, 256).floats();
      assertArrayEquals(by32, by256, 1e-5f);
      float[] first40 = new float[byOne.length];
      System.arraycopy(by256, 0, first40, 0, byOne.length);
      assertArrayEquals(first40, byOne, 1e-5f);
      Map<String, Double> small = model.evaluate(Dataset.fromTensorSlices(x, y).batch(32), 0);
      Map<String, Double> large = model.evaluate(Dataset.fromTensorSlices(x, y).batch(256), 0);
      assertEquals(small.keySet(), large.keySet());
      small.forEach((k, v) -> assertEquals(v, large.get(k), 1e-5, k));
    }
  }
}
