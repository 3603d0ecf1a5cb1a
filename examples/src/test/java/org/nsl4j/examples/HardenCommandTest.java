package org.nsl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.Features;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SignatureInfo;
import org.nsl4j.keras.testing.SharedFixtures;

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
}
