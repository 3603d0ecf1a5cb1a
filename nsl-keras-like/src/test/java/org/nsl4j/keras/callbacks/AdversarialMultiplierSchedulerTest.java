package org.nsl4j.keras.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.optimizers.SGD;
import org.nsl4j.keras.training.FitOptions;

class AdversarialMultiplierSchedulerTest {

  private static AdversarialRegularization adversarial(Sequential base) {
    AdversarialRegularization adv = new AdversarialRegularization(base, AdvConfigs
        .makeAdvRegConfig().multiplier(0.2f).advStepSize(0.1f).advGradNorm("infinity").build());
    adv.compile(new SGD(0.1f), Losses.sparseCategoricalCrossentropy(true));
    return adv;
  }

  private static Dataset dicts() {
    return Dataset.fromTensorSlices(SmallModels.blobFeatures(32)).batch(8);
  }

  @Test
  void startAfterTrainsWithoutTheAdversarialTermFirst() {
    try (Sequential base = SmallModels.mlp(); Sequential plain = SmallModels.mlp()) {
      AdversarialRegularization adv = adversarial(base);
      History h = adv.fit(dicts(), FitOptions.epochs(3).verbose(0)
          .callback(AdversarialMultiplierScheduler.startAfter(2)));
      assertEquals(List.of(0.0, 0.0, (double) 0.2f), h.get("adversarial_multiplier"));
      List<Double> scaled = h.get("scaled_adversarial_loss");
      assertEquals(List.of(0.0, 0.0), scaled.subList(0, 2));
      assertTrue(scaled.get(2) > 0, h.history().toString());
      assertEquals(h.get("loss").get(1), h.get("sparse_categorical_crossentropy").get(1), 1e-7);
      assertEquals(0.2f, adv.multiplier(), 0f);

      // with multiplier 0 the step is the plain model's step
      AdversarialRegularization first = adversarial(plain);
      first.setMultiplier(0f);
      first.fit(dicts(), FitOptions.epochs(1).verbose(0));
      try (Sequential reference = SmallModels.mlp()) {
        reference.compile(new SGD(0.1f), Losses.sparseCategoricalCrossentropy(true));
        reference.fit(dicts().map(Dataset.toTuple("x", "label")), FitOptions.epochs(1).verbose(0));
        for (int i = 0; i < reference.getWeights().size(); i++) {
          assertArrayEquals(reference.getWeights().get(i).floats(),
              plain.getWeights().get(i).floats(), 1e-6f);
        }
      }
    }
  }

  @Test
  void theMultiplierIsAGraphVariableThatEvaluationFollows() {
    try (Sequential base = SmallModels.mlp()) {
      AdversarialRegularization adv = adversarial(base);
      Map<String, Double> at02 = adv.evaluate(dicts(), 0);
      adv.setMultiplier(0.6f);
      Map<String, Double> at06 = adv.evaluate(dicts(), 0);
      assertEquals(3 * at02.get("scaled_adversarial_loss"), at06.get("scaled_adversarial_loss"),
          1e-6);
      assertEquals(at06.get("sparse_categorical_crossentropy")
          + at06.get("scaled_adversarial_loss"), at06.get("loss"), 1e-6);
      assertThrows(IllegalArgumentException.class, () -> adv.setMultiplier(Float.NaN));
    }
  }

  @Test
  void aModelWithoutAdversarialRegularizationIsRefused() {
    try (Sequential model = SmallModels.mlp()) {
      model.compile("sgd", "sparse_categorical_crossentropy");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(1).verbose(0)
              .callback(AdversarialMultiplierScheduler.startAfter(1))));
      assertTrue(e.getMessage().contains("AdversarialRegularization")
          && e.getMessage().contains("Sequential"), e.getMessage());
    }
  }
}
