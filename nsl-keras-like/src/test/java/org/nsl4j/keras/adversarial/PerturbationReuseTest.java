package org.nsl4j.keras.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.optimizers.SGD;

/**
 * An ε sweep through {@code perturbOnBatch} reuses one graph per kind of attack: the graph does
 * not grow from the 2nd to the 10th ε, and each ε gives what a graph built for it alone gives.
 */
class PerturbationReuseTest {

  private static final float[] X = {0.2f, -0.4f, 0.9f, 0.1f, 0.5f, -0.7f, 0.3f, 0.8f};

  private static Sequential model() {
    Sequential model = new Sequential(new InputLayer("feature", 4), new Dense(3, "tanh"),
        new Dense(2));
    model.seed(7).build();
    return model;
  }

  private static AdversarialRegularization wrap(Model base) {
    AdversarialRegularization adv = new AdversarialRegularization(base,
        AdvConfigs.makeAdvRegConfig().multiplier(0.2f).advStepSize(0.01f).build());
    adv.compile(new SGD(0.01f), Losses.sparseCategoricalCrossentropy(true));
    return adv;
  }

  private static Features batch() {
    return Features.of("feature", FeatureArray.ofFloats(X, 2, 4),
        "label", FeatureArray.ofLongs(new long[] {0, 1}, 2));
  }

  private static long ops(Model model) {
    long n = 0;
    for (Iterator<?> it = model.backend().graph().operations(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  /** The i-th config of the sweep: PGD in L2 with ε and step size growing together. */
  private static AdvNeighborConfig pgd(int i) {
    float eps = 0.03f * (i + 1);
    return AdvNeighborConfig.builder().advGradNorm("l2").advStepSize(eps / 4)
        .pgdIterations(5).pgdEpsilon(eps).build();
  }

  private static AdvNeighborConfig fgsm(int i) {
    return AdvNeighborConfig.builder().advGradNorm("infinity").advStepSize(0.03f * (i + 1))
        .build();
  }

  @Test
  void anEpsSweepAddsNoGraphAfterTheFirstEpsOfEachKind() {
    try (Sequential base = model()) {
      AdversarialRegularization adv = wrap(base);
      List<Long> sizes = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        adv.perturbOnBatch(batch(), pgd(i));
        adv.perturbOnBatch(batch(), fgsm(i));
        sizes.add(ops(base));
      }
      assertEquals(sizes.get(1), sizes.get(9), "graph ops after the 2nd and the 10th ε " + sizes);
      assertTrue(sizes.get(0) > 0);
    }
  }

  @Test
  void eachEpsGivesWhatAGraphOfItsOwnGives() {
    try (Sequential base = model(); Sequential fresh = model()) {
      AdversarialRegularization swept = wrap(base);
      for (int i = 0; i < 10; i++) {
        float[] reused = swept.perturbOnBatch(batch(), pgd(i)).get("feature").floats();
        AdversarialRegularization alone = wrap(fresh);
        float[] own = alone.perturbOnBatch(batch(), pgd(i)).get("feature").floats();
        assertArrayEquals(own, reused, 0f, "ε #" + i);
        float[] step = swept.perturbOnBatch(batch(), fgsm(i)).get("feature").floats();
        float eps = 0.03f * (i + 1);
        for (int j = 0; j < X.length; j++) {
          assertEquals(eps, Math.abs(step[j] - X[j]), 1e-6f, "FGSM moves each entry by ε");
        }
      }
    }
  }
}
