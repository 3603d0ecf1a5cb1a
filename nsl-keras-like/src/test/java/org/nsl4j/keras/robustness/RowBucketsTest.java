package org.nsl4j.keras.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;

/** Model runs on any row count use a few shapes, and padding leaves the real rows' results. */
class RowBucketsTest {

  @Test
  void everyRowCountUpToABatchFallsInOneOfNineBuckets() {
    Set<Integer> buckets = new TreeSet<>();
    for (int n = 1; n <= 128; n++) {
      int b = RowBuckets.of(n);
      assertEquals(true, b >= n && b - n < Math.max(n, RowBuckets.STEP), n + " → " + b);
      buckets.add(b);
    }
    assertEquals(Set.of(1, 2, 4, 8, 16, 32, 64, 96, 128), buckets);
    assertEquals(0, RowBuckets.of(0));
    assertEquals(512, RowBuckets.of(500));
  }

  @Test
  void paddedRunsGiveTheLogitsAndGradientsOfTheRowsAlone() {
    float[] x = {0.1f, 0.9f, 0.3f, 0.4f, 0.7f, 0.2f, 0.5f, 0.6f, 0.8f, 0.05f, 0.15f, 0.25f,
        0.35f, 0.45f, 0.55f, 0.65f, 0.75f, 0.85f, 0.95f, 0.0f};
    long[] y = {0, 1, 2, 1, 0};
    try (Model model = LinearModels.linear()) {
      ModelClassifier c = ModelClassifier.of(model);
      float[] logits = c.logits(FeatureArray.ofFloats(x, 5, 4)).floats();
      assertEquals(15, logits.length, "5 rows, padded to 8, come back as 5");
      LossGraph.Values v = LossGraph.of(c, AttackLoss.CE, false).run(x, 5, y, null);
      assertArrayEquals(logits, v.logits(), 0f);
      for (int i = 0; i < 5; i++) {
        float[] row = java.util.Arrays.copyOfRange(x, 4 * i, 4 * i + 4);
        assertArrayEquals(LinearModels.logits(row),
            java.util.Arrays.copyOfRange(logits, 3 * i, 3 * i + 3), 1e-5f);
        assertArrayEquals(LinearModels.crossEntropyGradient(row, (int) y[i]),
            java.util.Arrays.copyOfRange(v.gradient(), 4 * i, 4 * i + 4), 1e-5f);
      }
    }
  }
}
