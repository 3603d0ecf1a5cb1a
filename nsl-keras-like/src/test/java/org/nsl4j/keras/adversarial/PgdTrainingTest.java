package org.nsl4j.keras.adversarial;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.optimizers.Adam;

/** PGD adversarial training: every PGD neighbor lies in the ε-ball and the clip box. */
class PgdTrainingTest {

  private static final float EPS = 0.1f;

  @Test
  void pgdNeighborsWithRandomStartStayInTheBallAndTheBoxWhileTraining() {
    java.util.Random random = new java.util.Random(5);
    float[] pixels = new float[64 * 16];
    long[] labels = new long[64];
    for (int i = 0; i < 64; i++) {
      labels[i] = i % 3;
      for (int j = 0; j < 16; j++) {
        // Many pixels at 0 or 1, where an unclipped step would leave the box.
        pixels[i * 16 + j] = random.nextBoolean() ? (float) (j % 2) : random.nextFloat();
      }
    }
    Features data = Features.of("image", FeatureArray.ofFloats(pixels, 64, 4, 4, 1), "label",
        FeatureArray.ofLongs(labels, 64));
    AdvRegConfig config = AdvConfigs.makeAdvRegConfig().multiplier(1f).advStepSize(0.04f)
        .advGradNorm("infinity").pgdIterations(5).pgdEpsilon(EPS).randomInit(true)
        .clipValueMin(0f).clipValueMax(1f).build();
    try (Model base = new Sequential(new InputLayer("image", 4, 4, 1), new Flatten(),
        new Dense(8, "relu"), new Dense(3)).seed(3)) {
      AdversarialRegularization adv =
          new AdversarialRegularization(base, List.of("label"), null, config);
      adv.compile(new Adam(0.01f), Losses.sparseCategoricalCrossentropy(true), "accuracy");
      for (int epoch = 0; epoch < 3; epoch++) {
        assertInBallAndBox(adv.perturbOnBatch(data).get("image").floats(), pixels);
        adv.fit(Dataset.fromTensorSlices(data).batch(16), 1);
      }
      assertInBallAndBox(adv.perturbOnBatch(data).get("image").floats(), pixels);
    }
  }

  private static void assertInBallAndBox(float[] neighbor, float[] original) {
    boolean moved = false;
    for (int j = 0; j < neighbor.length; j++) {
      assertTrue(neighbor[j] >= 0f && neighbor[j] <= 1f, "outside the box: " + neighbor[j]);
      float d = Math.abs(neighbor[j] - original[j]);
      assertTrue(d <= EPS + 1e-6f, "outside the ball: " + d);
      moved |= d > 1e-3f;
    }
    assertTrue(moved, "the neighbor did not move");
  }
}
