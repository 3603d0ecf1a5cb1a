package org.nsl4j.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the noise, dropout and augmentation layers do in training mode (identity otherwise). */
class StochasticLayersTest {

  private static float[] fill(int n, float value) {
    float[] v = new float[n];
    Arrays.fill(v, value);
    return v;
  }

  @Test
  void spatialDropout2DDropsWholeChannels() {
    try (OneLayer m = new OneLayer(new SpatialDropout2D(0.5f), 3, 3, 4)) {
      float[] y = m.run(fill(8 * 36, 1f), 8, true);
      Set<Float> seen = new HashSet<>();
      for (int n = 0; n < 8; n++) {
        for (int c = 0; c < 4; c++) {
          float first = y[n * 36 + c];
          for (int p = 0; p < 9; p++) {
            assertEquals(first, y[n * 36 + p * 4 + c], "example " + n + " channel " + c);
          }
          assertTrue(first == 0f || first == 2f, "kept channels are scaled by 1/(1-rate)");
          seen.add(first);
        }
      }
      assertEquals(Set.of(0f, 2f), seen);
      assertEquals(1f, m.run(fill(36, 1f), 1, false)[0], "identity at inference");
    }
  }

  @Test
  void gaussianNoiseHasItsStandardDeviation() {
    try (OneLayer m = new OneLayer(new GaussianNoise(0.5f), 10)) {
      float[] y = m.run(new float[10_000], 1000, true);
      double mean = 0;
      double squares = 0;
      for (float v : y) {
        mean += v / y.length;
        squares += v * v / y.length;
      }
      assertEquals(0, mean, 0.03);
      assertEquals(0.5, Math.sqrt(squares - mean * mean), 0.02);
      assertEquals(0f, m.run(new float[10], 1, false)[3]);
    }
  }

  @Test
  void randomFlipGivesEachImageOrItsMirror() {
    float[] image = {1, 2, 3, 4, 5, 6}; // 2 rows of 3
    float[] mirror = {3, 2, 1, 6, 5, 4};
    float[] x = new float[64 * 6];
    for (int n = 0; n < 64; n++) {
      System.arraycopy(image, 0, x, n * 6, 6);
    }
    try (OneLayer m = new OneLayer(new RandomFlip("horizontal", null), 2, 3, 1)) {
      float[] y = m.run(x, 64, true);
      int flipped = 0;
      for (int n = 0; n < 64; n++) {
        float[] out = Arrays.copyOfRange(y, n * 6, n * 6 + 6);
        boolean isMirror = Arrays.equals(out, mirror);
        assertTrue(isMirror || Arrays.equals(out, image), Arrays.toString(out));
        flipped += isMirror ? 1 : 0;
      }
      assertTrue(flipped > 10 && flipped < 54, flipped + " of 64 flipped");
    }
  }

  @Test
  void randomCropTakesOneWindowForTheBatch() {
    float[] x = new float[4 * 25];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 25;
    }
    Set<Float> corners = new HashSet<>();
    try (OneLayer m = new OneLayer(new RandomCrop(3, 3), 5, 5, 1)) {
      for (int run = 0; run < 6; run++) {
        float[] y = m.run(x, 4, true);
        int top = (int) y[0] / 5;
        int left = (int) y[0] % 5;
        assertTrue(top <= 2 && left <= 2, "window inside the image");
        for (int i = 0; i < y.length; i++) {
          int r = (i % 9) / 3;
          int c = i % 3;
          assertEquals(5 * (top + r) + left + c, y[i], "pixel " + i);
        }
        corners.add(y[0]);
      }
    }
    assertTrue(corners.size() > 1, "the window moves between steps: " + corners);
  }

  @Test
  void randomBrightnessShiftsEachImageByOneAmount() {
    Random random = new Random(5);
    float[] x = new float[16 * 8];
    for (int i = 0; i < x.length; i++) {
      x[i] = 50 + 150 * random.nextFloat();
    }
    try (OneLayer m = new OneLayer(new RandomBrightness(0.1f), 2, 2, 2)) {
      float[] y = m.run(x, 16, true);
      for (int n = 0; n < 16; n++) {
        float delta = y[n * 8] - x[n * 8];
        assertTrue(Math.abs(delta) <= 25.5f + 1e-3f, "within 0.1 of the 255 range: " + delta);
        for (int i = 1; i < 8; i++) {
          assertEquals(delta, y[n * 8 + i] - x[n * 8 + i], 1e-3, "image " + n);
        }
      }
    }
  }

  @Test
  void randomContrastScalesEachChannelAroundItsMean() {
    Random random = new Random(6);
    float[] x = new float[8 * 8];
    for (int i = 0; i < x.length; i++) {
      x[i] = 100 + 50 * random.nextFloat();
    }
    try (OneLayer m = new OneLayer(new RandomContrast(0.5f), 2, 2, 2)) {
      float[] y = m.run(x, 8, true);
      for (int n = 0; n < 8; n++) {
        double factor = Double.NaN;
        for (int c = 0; c < 2; c++) {
          double mean = 0;
          for (int p = 0; p < 4; p++) {
            mean += x[n * 8 + p * 2 + c] / 4.0;
          }
          for (int p = 0; p < 4; p++) {
            int i = n * 8 + p * 2 + c;
            double f = (y[i] - mean) / (x[i] - mean);
            factor = Double.isNaN(factor) ? f : factor;
            assertEquals(factor, f, 1e-3, "one factor per image, image " + n);
          }
        }
        assertTrue(factor >= 0.5 - 1e-3 && factor <= 1.5 + 1e-3, "factor " + factor);
      }
    }
  }
}
