package org.nsl4j.examples.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.FeatureConstants;
import org.nsl4j.examples.CliRun;
import org.nsl4j.examples.cli.DataOptions;
import org.nsl4j.examples.cli.Predictions;
import org.nsl4j.examples.cli.PreprocessOption;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.examples.tutorial.Experiments;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.examples.tutorial.TrainingParams;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SignatureInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** {@code harden} on the Python MNIST CNN, reduced, through the command line. */
class HardenCommandTest {

  @TempDir Path tmp;

  @Test
  void reducedRunReportsBothMeasurementsAndExportsAModelThatPredictsAsTrained()
      throws IOException {
    Path model = SharedFixtures.savedModel("mnist_cnn_tf2_0_logits");
    Path testDir = SharedFixtures.mnistTest();
    Path out = tmp.resolve("out");
    String[] args = {"harden", "--model", model.toString(), "--out", out.toString(),
        "--test-data-dir", testDir.toString(), "--train-limit", "1000", "--test-limit", "200",
        "--epochs", "1"};
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("model            clean acc   perturbed acc"), run.out());
    assertTrue(run.trained());

    JsonNode r = Reports.json().readTree(out.resolve(Reports.FILE_NAME).toFile());
    for (String stage : new String[] {"before", "after"}) {
      double clean = r.at("/" + stage + "/clean_accuracy").asDouble();
      double perturbed = r.at("/" + stage + "/perturbed_accuracy").asDouble();
      assertTrue(clean > 0.95 && clean <= 1, stage + " clean " + clean);
      assertTrue(perturbed >= 0 && perturbed < clean, stage + " perturbed " + perturbed);
      assertEquals(200, r.at("/" + stage + "/test_digits").asInt());
    }
    assertEquals(0.99, r.at("/before/clean_accuracy").asDouble(), 0.02,
        "the rebuilt model is the Python one");
    assertEquals(1, r.at("/history/scaled_adversarial_loss").size());
    assertTrue(r.at("/export_check/passed").asBoolean(), r.toString());
    assertTrue(r.at("/rebuild_check/checked").asBoolean(), r.toString());
    assertEquals(1.0, r.at("/rebuild_check/agreement").asDouble(), r.toString());
    assertEquals("every step", r.at("/attack/clip").asText());
    assertTrue(r.at("/export_check/max_abs_diff").asDouble() <= 1e-5);

    try (LoadedModel hardened = LoadedModel.load(out.resolve(HardenCommand.MODEL))) {
      SignatureInfo s = hardened.defaultSignature();
      assertEquals("conv2d_4_input", s.inputs().keySet().iterator().next(),
          "the export keeps the Keras input name");
      DataOptions data = new DataOptions();
      data.testDataDir = testDir;
      data.trainLimit = 1;
      data.testLimit = 200;
      Features test = data.load().test();
      long[] predicted =
          Predictions.argmax(hardened.predict(test.get(HParams.IMAGE_KEY), 64));
      assertEquals(r.at("/after/clean_accuracy").asDouble(),
          Predictions.correct(predicted, test.get(HParams.LABEL_KEY).longs()) / 200.0,
          "the reloaded export scores as the fine-tuned model did");
    }

    CliRun again = CliRun.of(args);
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("already holds a model; --overwrite replaces it"),
        again.err());
    assertFalse(again.trained());
  }

  /**
   * The residual .keras network, reduced: its five BatchNormalization layers stay frozen, so
   * the fine-tuned model in inference mode computes what was trained, and the export reloads.
   */
  @Test
  void residualKerasFileIsHardenedWithItsBatchNormalizationFrozen() throws IOException {
    Path out = tmp.resolve("resnet");
    CliRun run = CliRun.of("harden", "--model",
        SharedFixtures.keras("mnist_resnet_keras3_11.keras").toString(), "--out", out.toString(),
        "--test-data-dir", SharedFixtures.mnistTest().toString(), "--train-limit", "1500",
        "--test-limit", "300", "--epochs", "1");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("BatchNormalization: 5 layers frozen in inference mode"),
        run.out());
    JsonNode r = Reports.json().readTree(out.resolve(Reports.FILE_NAME).toFile());
    assertEquals("frozen", r.at("/batch_normalization").asText());
    assertEquals("Keras 3 .keras archive", r.at("/format").asText());
    assertFalse(r.at("/rebuild_check/checked").asBoolean(), "a .keras file has no signature");
    double before = r.at("/before/perturbed_accuracy").asDouble();
    double after = r.at("/after/perturbed_accuracy").asDouble();
    System.out.printf("harden mnist_resnet_keras3_11.keras (1,500 digits, 1 epoch): clean %.4f ->"
        + " %.4f, FGSM %.4f -> %.4f%n", r.at("/before/clean_accuracy").asDouble(),
        r.at("/after/clean_accuracy").asDouble(), before, after);
    assertTrue(r.at("/after/clean_accuracy").asDouble() > 0.93, r.at("/after").toString());
    assertTrue(after > before + 0.05, before + " -> " + after);
    assertTrue(r.at("/export_check/passed").asBoolean(), r.toString());
  }

  /** A model fed raw 0-255 pixels gets the training perturbation in its own units. */
  @Test
  void rawPixelModelsGetTheirStepSizeAndClipRangeScaled() {
    TrainingParams t = new TrainingParams();
    t.advStepSize = 0.1f;
    t.pgdIterations = 3;
    t.pgdEpsilon = 0.2f;
    Sequential model = new Sequential("m", List.of(new InputLayer("image", 2), new Dense(2)));
    try (model) {
      AdvNeighborConfig config = Experiments.adversarial(model, t, Experiments.lossFor(model),
          PreprocessOption.RAW.preprocessing()).advConfig().advNeighborConfig();
      assertEquals(25.5f, config.advStepSize(), 1e-4f);
      assertEquals(51f, config.pgdEpsilon().orElseThrow(), 1e-4f);
      assertEquals(FeatureConstants.forAll(0f), config.clipValueMin());
      assertEquals(FeatureConstants.forAll(255f), config.clipValueMax());
    }
  }
}
