package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.io.OutputDirectory;
import org.nsl4j.keras.layers.Add;
import org.nsl4j.keras.layers.BatchNormalization;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.models.Input;
import org.nsl4j.keras.models.KerasTensor;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.optimizers.Adam;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.robustness.AttackOutcome;
import org.nsl4j.keras.robustness.FastGradientMethod;
import org.nsl4j.keras.robustness.ModelClassifier;
import org.nsl4j.keras.training.FitOptions;

/**
 * Our own exports come back: {@link ModelExporter} writes the Keras config beside the graph and
 * {@link KerasModelLoader} rebuilds the model from it with the exported weights, so that the
 * rebuilt network gives the signature's logits and white-box attacks run through it.
 */
class ExportRoundTripTest {

  private static final int N = 40;

  @TempDir Path tmp;

  private static FeatureArray images(int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    return FeatureArray.ofFloats(x, n, 28, 28, 1);
  }

  private static long[] labels(int n) {
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = (i * 7) % 10;
    }
    return y;
  }

  private static void train(Model model) {
    model.compile(new Adam(0.01f), Losses.sparseCategoricalCrossentropy(true), "accuracy");
    model.fit(images(64, 1), FeatureArray.ofLongs(labels(64), 64), 16, 1);
  }

  /** The tutorial's architecture, smaller: a Sequential CNN with logits. */
  private static Sequential sequentialCnn() {
    return new Sequential("base_model", List.of(new InputLayer("image", 28, 28, 1),
        new Conv2D(4, 3, "relu"), new MaxPooling2D(2), new Flatten(), new Dense(10)));
  }

  /** A functional CNN with a residual branch, a shared layer and a nested Sequential model. */
  private static Model functionalCnn() {
    KerasTensor image = Input.of("image", 28, 28, 1);
    KerasTensor x = new Conv2D(4, 3, "relu").apply(image);
    Conv2D shared = new Conv2D(4, 3, 3, "relu", "shared_conv").padding("same");
    KerasTensor branch = shared.apply(shared.apply(x));
    x = new Add().apply(x, branch);
    x = new BatchNormalization().apply(x);
    Sequential head = new Sequential("head", List.of(new InputLayer("features", 26, 26, 4),
        new MaxPooling2D(2), new Flatten(), new Dense(10)));
    return new Model(image, head.apply(x), "functional_cnn");
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * Exports {@code model}, rebuilds it from the export and checks the rebuilt logits against the
   * signature's and a white-box FGSM through the rebuilt model against FGSM on the original.
   */
  private void assertComesBack(Model model, String name) throws IOException {
    Path dir = tmp.resolve(name);
    ModelExporter.export(model, dir);
    assertEquals(List.of(OutputDirectory.MANIFEST, "assets.extra", "saved_model.pb", "variables"),
        entries(dir), "the SavedModel is as before, with its Keras config in assets.extra and"
            + " the exporter's manifest of what it wrote");
    assertTrue(Files.isRegularFile(dir.resolve(ExportedConfig.FILE)));
    FeatureArray x = images(N, 5);
    long[] y = labels(N);
    try (LoadedModel loaded = LoadedModel.load(dir);
        ImportedModel imported = KerasModelLoader.builder().build().importModel(dir)) {
      Model rebuilt = imported.model();
      assertEquals(model.weights().size(), imported.weights().used(),
          "every weight restored from the export");
      FeatureArray signature = loaded.predict(x, 16);
      assertTrue(Shared.maxAbsDiff(signature, rebuilt.predict(x)) <= 1e-5,
          "rebuilt logits = signature logits");
      FastGradientMethod fgsm = FastGradientMethod.builder().eps(0.1f).batchSize(16).build();
      AttackOutcome original = fgsm.generate(ModelClassifier.of(model), x, y);
      AttackOutcome through = fgsm.generate(ModelClassifier.of(rebuilt), x, y);
      assertTrue(Shared.maxAbsDiff(original.adversarial(), through.adversarial()) <= 1e-5,
          "the white-box attack on the rebuilt model is the attack on the original");
      assertFalse(Shared.maxAbsDiff(x, through.adversarial()) < 0.09,
          "FGSM moved the images by ε");
      assertArrayEquals(original.predictions(), through.predictions());
    }
  }

  @Test
  void aSequentialExportIsRebuiltWithItsWeights() throws IOException {
    try (Sequential model = sequentialCnn()) {
      train(model);
      assertComesBack(model, "sequential");
    }
  }

  @Test
  void aFunctionalExportWithBranchesSharedLayersAndANestedModelIsRebuilt() throws IOException {
    try (Model model = functionalCnn()) {
      train(model);
      assertComesBack(model, "functional");
    }
  }

  @Test
  void theBaseModelOfAnAdversarialRegularizationIsRebuiltAfterAdversarialTraining()
      throws IOException {
    try (Sequential base = sequentialCnn()) {
      AdversarialRegularization adv = new AdversarialRegularization(base, AdvConfigs
          .makeAdvRegConfig().multiplier(0.2f).advStepSize(0.05f).advGradNorm("infinity")
          .build());
      adv.compile(new Adam(0.01f), Losses.sparseCategoricalCrossentropy(true), "accuracy");
      Features train = Features.of("image", images(64, 1), "label",
          FeatureArray.ofLongs(labels(64), 64));
      adv.fit(Dataset.fromTensorSlices(train).batch(16), FitOptions.epochs(1).verbose(0));
      assertComesBack(adv.baseModel(), "adv_base");
      assertComesBack(adv, "adv_wrapper");
    }
  }

  @Test
  void aSubclassedModelIsExportedInferenceOnly() throws IOException {
    try (Model model = new Model("subclassed") {
      private final Dense dense = new Dense(3);

      @Override
      protected org.tensorflow.Operand<org.tensorflow.types.TFloat32> call(
          org.tensorflow.Operand<org.tensorflow.types.TFloat32> inputs, boolean training) {
        return dense.apply(inputs);
      }
    }) {
      model.build("x", 4);
      Path dir = tmp.resolve("subclassed");
      ModelExporter.export(model, dir);
      assertFalse(Files.exists(dir.resolve(ExportedConfig.FILE)));
      assertThrows(InferenceOnlyException.class, () -> KerasModelLoader.load(dir));
    }
  }
}
