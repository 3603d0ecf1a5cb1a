package org.nsl4j.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;

/** Normalization's adapt, its epsilon and its Keras int64 count. */
class NormalizationTest {

  // two features: mean [2, 4], population variance [1, 4]
  private static final FeatureArray DATA = FeatureArray.ofFloats(new float[] {1, 2, 3, 6}, 2, 2);

  @Test
  void adaptBeforeTheModelIsBuiltSetsTheInitialWeights() {
    Normalization n = new Normalization().adapt(DATA);
    try (OneLayer m = new OneLayer(n, 2)) {
      assertArrayEquals(new float[] {0, 0, 1, 1, -1, -0.5f},
          m.run(new float[] {2, 4, 3, 6, 1, 3}, 3, false), 1e-6f);
      assertArrayEquals(new float[] {2, 4}, n.getWeights().get(0).floats());
      assertArrayEquals(new float[] {1, 4}, n.getWeights().get(1).floats());
      assertArrayEquals(new float[] {2}, n.getWeights().get(2).floats());
    }
  }

  @Test
  void adaptAfterTheModelIsBuiltSetsTheWeights() {
    Normalization n = new Normalization();
    try (OneLayer m = new OneLayer(n, 2)) {
      assertArrayEquals(new float[] {3, 6}, m.run(new float[] {3, 6}, 1, false), 1e-6f);
      n.adapt(DATA);
      assertArrayEquals(new float[] {1, 1}, m.run(new float[] {3, 6}, 1, false), 1e-6f);
    }
  }

  @Test
  void adaptOverImagesKeepsOneStatisticPerChannel() {
    float[] pixels = {0, 10, 2, 10, 4, 30, 6, 30}; // 2 images of 2×1 pixels, 2 channels
    Normalization n = new Normalization().adapt(FeatureArray.ofFloats(pixels, 2, 2, 1, 2));
    try (OneLayer m = new OneLayer(n, 2, 1, 2)) {
      // channel 0: mean 3, variance 5; channel 1: mean 20, variance 100
      float[] y = m.run(new float[] {3, 20, 8, 30}, 1, false);
      assertArrayEquals(new float[] {0, 0, (float) (5 / Math.sqrt(5)), 1}, y, 1e-6f);
    }
  }

  @Test
  void aZeroVarianceDividesByKerasEpsilon() {
    try (OneLayer m = new OneLayer(new Normalization().mean(0).variance(0), 2)) {
      assertArrayEquals(new float[] {10, -20}, m.run(new float[] {1e-6f, -2e-6f}, 1, false),
          1e-4f);
    }
  }

  @Test
  void theInt64CountOfAKerasFileIsAccepted() {
    Normalization n = new Normalization();
    try (OneLayer m = new OneLayer(n, 2)) {
      n.setWeights(List.of(FeatureArray.ofFloats(new float[] {1, 1}, 2),
          FeatureArray.ofFloats(new float[] {4, 4}, 2), FeatureArray.ofLongs(new long[] {7})));
      assertArrayEquals(new float[] {7}, n.getWeights().get(2).floats());
      assertArrayEquals(new float[] {0.5f, 1}, m.run(new float[] {2, 3}, 1, false), 1e-6f);
    }
  }

  @Test
  void statisticsOfTheWrongSizeFailNamingTheLayer() {
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> new OneLayer(new Normalization("norm").mean(1, 2, 3).variance(1), 2).close());
    assertTrue(e.getMessage().contains("'norm'") && e.getMessage().contains("3 mean"),
        e.getMessage());
  }
}
