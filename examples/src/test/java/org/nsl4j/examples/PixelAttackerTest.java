package org.nsl4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;

class PixelAttackerTest {

  @Test
  void centeredInputsAreAttackedInPixelUnitsAndClipped() {
    HParams h = new HParams();
    h.convFilters = new int[] {4};
    h.denseUnits = new int[] {8};
    int n = 4;
    float[] pixels = new float[n * 28 * 28];
    Random random = new Random(1);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat();
    }
    FeatureArray x = FeatureArray.ofFloats(pixels, n, 28, 28, 1);
    FeatureArray labels = FeatureArray.ofLongs(new long[] {0, 1, 2, 3}, n);
    try (Model model = BaseModel.build(h)) {
      PixelAttacker attacker = new PixelAttacker(
          Experiments.adversarial(model, h.training()), Preprocessing.SCALE_CENTER);
      FeatureArray adv = attacker.perturb(x, labels, LinfAttack.of(LinfAttack.Kind.FGSM, 0.1, 1));
      assertArrayEquals(x.shape(), adv.shape());
      int interior = 0;
      int movedByEps = 0;
      for (int i = 0; i < pixels.length; i++) {
        float a = adv.floats()[i];
        assertTrue(a >= 0 && a <= 1, "clipped to [0, 1]: " + a);
        float d = Math.abs(a - pixels[i]);
        assertTrue(d <= 0.1f + 1e-6f, "moved by " + d + " > eps");
        if (pixels[i] > 0.1f && pixels[i] < 0.9f) {
          interior++;
          movedByEps += Math.abs(d - 0.1f) < 1e-5f ? 1 : 0;
        }
      }
      assertTrue(movedByEps > 0.9 * interior,
          movedByEps + " of " + interior + " interior pixels moved by exactly eps, not 2·eps");
    }
  }

  @Test
  void preprocessingMapsPixelsAndBack() {
    FeatureArray x = FeatureArray.ofFloats(new float[] {0, 0.25f, 1}, 3);
    assertArrayEquals(new float[] {-1, -0.5f, 1}, Preprocessing.SCALE_CENTER.apply(x).floats());
    assertArrayEquals(x.floats(),
        Preprocessing.SCALE_CENTER.invert(Preprocessing.SCALE_CENTER.apply(x)).floats());
    assertEquals(Preprocessing.SCALE_CENTER, Preprocessing.parse("--preprocess", "Scale-Center"));
  }
}
