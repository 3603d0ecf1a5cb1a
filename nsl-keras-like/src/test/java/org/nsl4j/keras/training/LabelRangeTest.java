package org.nsl4j.keras.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Sequential;

/** Class ids outside the model's outputs fail, as in Keras, instead of giving a zero loss. */
class LabelRangeTest {

  private static final FitOptions QUIET = FitOptions.epochs(1).verbose(0);

  private static Sequential threeClasses() {
    return new Sequential(new InputLayer("image", 2), new Dense(3));
  }

  private static FeatureArray images(int n) {
    return FeatureArray.ofFloats(new float[2 * n], n, 2);
  }

  private static void assertNamesTheLabel(Executable run, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
    }
  }

  @Test
  void fitAndEvaluateNameTheFirstBadClassIdItsPositionAndTheClassCount() {
    long[] labels = {0, 1, 2, 1, 2, 0, 3, 7};
    try (Sequential model = threeClasses()) {
      model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
      Dataset data = Dataset.fromTensorSlices(images(8), FeatureArray.ofLongs(labels, 8)).batch(4);
      String[] expected =
          {"class id 3", "index 2 of the batch", "batch 2: ", "[0, 3)", "3 classes", "'y'"};
      assertNamesTheLabel(() -> model.fit(data, QUIET), expected);
      assertNamesTheLabel(() -> model.evaluate(data, 0), expected);
      Dataset negative = Dataset.fromTensorSlices(images(2),
          FeatureArray.ofLongs(new long[] {-1, 0}, 2, 1)).batch(2);
      assertNamesTheLabel(() -> model.evaluate(negative, 0), "class id -1", "index 0", "batch 1: ");
    }
  }

  @Test
  void adversarialRegularizationChecksItsLabelsToo() {
    try (Sequential base = threeClasses()) {
      AdversarialRegularization adv = new AdversarialRegularization(base,
          AdvConfigs.makeAdvRegConfig().multiplier(0.2f).advStepSize(0.01f).build());
      adv.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
      Features batch = Features.of("image", images(3), "label",
          FeatureArray.ofLongs(new long[] {2, 5, 0}, 3));
      Dataset data = Dataset.fromTensorSlices(batch).batch(3);
      String[] expected = {"class id 5", "index 1 of the batch", "batch 1: ", "[0, 3)", "'label'"};
      assertNamesTheLabel(() -> adv.fit(data, QUIET), expected);
      assertNamesTheLabel(() -> adv.evaluate(data, 0), expected);
      assertNamesTheLabel(() -> adv.perturbOnBatch(batch), "class id 5", "index 1", "[0, 3)");
    }
  }

  @Test
  void classIdsInRangeAndFloatTargetsAreAccepted() {
    try (Sequential model = threeClasses()) {
      model.compile("sgd", "sparse_categorical_crossentropy");
      model.fit(Dataset.fromTensorSlices(images(3),
          FeatureArray.ofLongs(new long[] {0, 1, 2}, 3)).batch(3), QUIET);
    }
    try (Sequential model = threeClasses()) {
      model.compile("sgd", "categorical_crossentropy");
      float[] oneHot = {0, 0, 1, 0, 0, 1};
      model.fit(Dataset.fromTensorSlices(images(2), FeatureArray.ofFloats(oneHot, 2, 3)).batch(2),
          QUIET);
      assertArrayEquals(new long[] {2, 3}, model.predict(images(2)).shape());
    }
  }
}
