package org.nsl4j.examples.tutorial;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.CliRun;
import org.nsl4j.examples.cli.DataOptions;
import org.nsl4j.examples.reports.PerturbedExamplesGrid;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.examples.reports.RobustnessChart;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;
import org.nsl4j.savedmodel.LoadedModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** A reduced tutorial run end to end, through the command line. */
class TutorialCommandTest {

  private static final List<String> SMALL = List.of("tutorial", "--train-limit", "2000",
      "--test-limit", "500", "--curve-eps", "0,0.2", "--curve-limit", "64",
      "--curve-pgd-iterations", "3", "--curve-pgd-restarts", "2", "--curve-apgd-iterations", "5");

  static String[] args(List<String> base, String... more) {
    return Stream.concat(base.stream(), Stream.of(more)).toArray(String[]::new);
  }

  static JsonNode report(Path out) throws IOException {
    return Reports.json().readTree(out.resolve(Reports.FILE_NAME).toFile());
  }

  /** Each exported model predicts as its last checkpoint, the trained weights, on a few digits. */
  private static void assertExportsPredictAsTrained(Path out, JsonNode report) throws IOException {
    DataOptions data = new DataOptions();
    data.trainLimit = 1;
    data.testLimit = 8;
    FeatureArray digits = data.load().test().get(HParams.IMAGE_KEY);
    for (String key : List.of("base", "adv")) {
      assertEquals("models/" + key, report.at("/models/" + key).asText());
      try (Model trained = BaseModel.build(new HParams());
          LoadedModel exported = LoadedModel.load(out.resolve("models").resolve(key))) {
        trained.loadWeights(out.resolve("checkpoints/" + key + "/epoch-2/checkpoint"));
        float[] expected = trained.predict(digits, 8).floats();
        float[] actual = exported.predict(digits, 8).floats();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], actual[i], 1e-5, key + " score " + i);
        }
      }
    }
  }

  @Test
  void reducedRunWritesEveryFigureAndBothImages(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of(args(SMALL, "--epochs", "2", "--out", out.toString()));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("model            clean acc   perturbed acc"), run.out());
    assertTrue(run.out().matches("(?s).*base model: \\d+ / 32, adv-regularized model: \\d+ / 32.*"),
        run.out());
    assertEquals(1, run.out().split("Total params: 93,322", -1).length - 1,
        "the summary is printed once");

    JsonNode r = report(out);
    assertEquals(2, r.at("/hparams/epochs").asInt());
    assertEquals(2000, r.at("/data/train_size").asInt());
    assertEquals(500, r.at("/data/test_size").asInt());
    double baseClean = r.at("/base/clean_accuracy").asDouble();
    double basePerturbed = r.at("/base/perturbed_accuracy").asDouble();
    double advClean = r.at("/adv/clean_accuracy").asDouble();
    double advPerturbed = r.at("/adv/perturbed_accuracy").asDouble();
    assertTrue(baseClean > 0.8, "base clean " + baseClean);
    assertTrue(advClean > 0.8, "adv clean " + advClean);
    assertTrue(basePerturbed < baseClean, basePerturbed + " vs " + baseClean);
    assertTrue(advPerturbed > basePerturbed, advPerturbed + " vs " + basePerturbed);
    for (String model : List.of("base", "adv")) {
      assertEquals(2, r.at("/" + model + "/history/loss").size(), model);
      assertEquals(2, r.at("/" + model + "/history/sparse_categorical_accuracy").size(), model);
      assertEquals(2 * 63, r.at("/" + model + "/training/steps").asInt(), model);
      assertTrue(r.at("/" + model + "/training/wall_seconds").asDouble() > 0, model);
      assertTrue(r.at("/" + model + "/training/ms_per_step").asDouble() > 0, model);
      for (String attack : List.of("fgsm", "pgd", "apgd-ce", "worst-case")) {
        JsonNode points = r.at("/robustness_curve/accuracy/" + model + "/" + attack);
        List<String> eps = new ArrayList<>();
        points.fieldNames().forEachRemaining(eps::add);
        assertEquals(List.of("0.0", "0.2"), eps);
        double clean = points.get("0.0").asDouble();
        double attacked = points.get("0.2").asDouble();
        assertTrue(clean > 0.7 && clean <= 1, model + " " + attack + " clean " + clean);
        assertTrue(attacked >= 0 && attacked < clean, model + " " + attack + " " + points);
        assertTrue(r.at("/robustness_curve/accuracy/" + model + "/worst-case/0.2").asDouble()
            <= attacked, "the worst case is never weaker than " + attack);
      }
    }
    assertEquals(r.at("/robustness_curve/accuracy/base/fgsm/0.0"),
        r.at("/robustness_curve/accuracy/base/pgd/0.0"), "ε = 0 is the clean accuracy");
    assertEquals(64, r.at("/robustness_curve/test_digits").asInt());
    assertEquals(3, r.at("/robustness_curve/pgd_iterations").asInt());
    assertEquals("every step", r.at("/robustness_curve/clip").asText());
    assertEquals("white-box", r.at("/robustness_curve/mode").asText());
    assertEquals(2, r.at("/robustness_curve/attacks/pgd/num_random_init").asInt());
    assertEquals("transfer", r.at("/perturbation/mode").asText());
    assertTrue(run.out().contains("The tutorial's table (transfer)"), run.out());
    assertTrue(run.out().contains("Robustness curve (white-box)"), run.out());
    assertEquals(2, r.at("/adv/history/scaled_adversarial_loss").size());
    assertTrue(r.at("/wall_seconds/total").asDouble() > 0);
    assertEquals(32, r.at("/perturbation/batch_0/size").asInt());

    BufferedImage chart = ImageIO.read(out.resolve(TutorialCommand.CHART).toFile());
    assertEquals(RobustnessChart.WIDTH, chart.getWidth());
    assertEquals(RobustnessChart.HEIGHT, chart.getHeight());
    BufferedImage grid = ImageIO.read(out.resolve(PerturbedExamplesGrid.FILE_NAME).toFile());
    // 4 columns of 200 px; a 34 px header and 8 rows of (22 px title + 28×4 px digit + 12 px)
    assertEquals(800, grid.getWidth());
    assertEquals(34 + 8 * 146, grid.getHeight());
    assertExportsPredictAsTrained(out, r);
    try (Stream<Path> files = Files.list(out)) {
      assertFalse(files.anyMatch(f -> f.toString().endsWith(".tmp")), "no temporary files left");
    }
  }
}
