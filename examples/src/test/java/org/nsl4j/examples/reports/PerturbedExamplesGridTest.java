package org.nsl4j.examples.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;

class PerturbedExamplesGridTest {

  @Test
  void digitsAreScaledGrayscaleUnderTheirTitles() {
    int n = 5;
    float[] pixels = new float[n * 28 * 28];
    pixels[0] = 1f;                       // image 0, row 0, col 0: white
    pixels[28 * 28 + 3 * 28 + 2] = 0.5f;  // image 1, row 3, col 2: mid gray
    pixels[4 * 28 * 28 + 27 * 28 + 27] = 2f; // image 4, last pixel: out of range, drawn white
    FeatureArray images = FeatureArray.ofFloats(pixels, n, 28, 28, 1);
    long[] labels = {7, 2, 1, 0, 4};
    Map<String, long[]> predictions = new LinkedHashMap<>();
    predictions.put("base", new long[] {3, 2, 1, 0, 9});
    predictions.put("adv", new long[] {7, 2, 1, 0, 4});
    BufferedImage grid = PerturbedExamplesGrid.draw("title", images, labels, predictions);

    assertEquals(800, grid.getWidth());
    int cellHeight = 22 + 28 * 4 + 12;
    assertEquals(34 + 2 * cellHeight, grid.getHeight(), "5 digits in 4 columns are 2 rows");
    int left = (200 - 28 * 4) / 2;
    int top = 34 + 22;
    for (int d = 0; d < 4; d++) {
      assertEquals(0xFFFFFF, rgb(grid, left + d % 4, top + d / 4), "×4 nearest neighbour");
    }
    assertEquals(0x000000, rgb(grid, left + 4, top), "the next pixel is black");
    assertEquals(0x808080, rgb(grid, 200 + left + 2 * 4 + 1, top + 3 * 4 + 2));
    assertEquals(0xFFFFFF, rgb(grid, left + 27 * 4 + 3, 34 + cellHeight + 22 + 27 * 4 + 3));
    assertTrue(hasDarkPixel(grid, 0, 34, 200, 34 + 22), "the first digit has a title");
    assertEquals("true: 4, base: 9, adv: 4",
        PerturbedExamplesGrid.caption(4, labels, predictions));
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  private static boolean hasDarkPixel(BufferedImage image, int x0, int y0, int x1, int y1) {
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if ((image.getRGB(x, y) & 0xFF) < 100) {
          return true;
        }
      }
    }
    return false;
  }
}
