package org.nsl4j.examples.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.CliRun;
import org.nsl4j.examples.cli.Predictions;
import org.nsl4j.examples.reports.PerturbedExamplesGrid;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Idx;
import org.nsl4j.keras.robustness.ClipValues;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.keras.robustness.Robustness;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SignatureClassifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** {@code evaluate-savedmodel} on Python SavedModels, through the command line. */
class EvaluateSavedModelCommandTest {

  @TempDir Path tmp;

  /** Runs the command on {@code model} with the real test digits; it must succeed. */
  private JsonNode run(Path model, String... more) throws IOException {
    Path out = tmp.resolve("out");
    List<String> args = List.of("evaluate-savedmodel", "--model", model.toString(),
        "--test-data-dir", SharedFixtures.mnistTest().toString(), "--out", out.toString());
    CliRun run = CliRun.of(Stream.concat(args.stream(), Stream.of(more)).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("signature        clean acc   perturbed acc"), run.out());
    return Reports.json().readTree(out.resolve(Reports.FILE_NAME).toFile());
  }

  @Test
  void rebuildableModelIsAttackedWhiteBox() throws IOException {
    JsonNode r = run(SharedFixtures.savedModel("mnist_cnn_tf2_0_logits"),
        "--test-limit", "300", "--attack", "fgsm");
    assertEquals("white-box", r.at("/mode").asText());
    assertEquals("serving_default", r.at("/signature").asText());
    assertEquals("conv2d_4_input float32[-1,28,28,1]", r.at("/signature_input").asText());
    assertEquals(300, r.at("/data/test_size").asInt());
    assertEquals(300, r.at("/rebuild_check/digits").asInt());
    assertEquals(1.0, r.at("/rebuild_check/agreement").asDouble());
    double clean = r.at("/clean_accuracy").asDouble();
    double perturbed = r.at("/perturbed_accuracy").asDouble();
    assertTrue(clean > 0.95, "clean " + clean);
    assertTrue(perturbed < clean - 0.1, perturbed + " vs " + clean);
    assertEquals("fgsm", r.at("/attack").asText());
    assertEquals(0.2, r.at("/eps").asDouble());
    assertEquals("every step", r.at("/clip").asText());
    assertTrue(r.at("/wall_seconds/total").asDouble() > 0);
    BufferedImage grid = ImageIO.read(
        tmp.resolve("out").resolve(PerturbedExamplesGrid.FILE_NAME).toFile());
    assertEquals(34 + 8 * 146, grid.getHeight(), "32 digits in 8 rows");
  }

  @Test
  void inferenceOnlyModelIsAttackedBlackBoxBySquare() throws IOException {
    JsonNode r = run(SharedFixtures.savedModel("mnist_cnn_tf2_19_keras3"),
        "--attack", "pgd", "--test-limit", "100", "--square-queries", "200");
    assertEquals("black-box", r.at("/mode").asText());
    assertTrue(r.at("/mode_reason").asText().contains("no Keras model config"), r.toString());
    assertEquals("square", r.at("/attack").asText());
    assertEquals("pgd", r.at("/requested_attack").asText());
    assertEquals(200, r.at("/attack_params/max_iter").asInt());
    assertEquals("every query", r.at("/clip").asText());
    double clean = r.at("/clean_accuracy").asDouble();
    double perturbed = r.at("/perturbed_accuracy").asDouble();
    assertTrue(clean > 0.9, "clean " + clean);
    assertTrue(perturbed < clean - 0.3, perturbed + " vs " + clean);
  }

  @Test
  void theWorstCaseIsWhiteBoxAndClipsEveryStep() throws IOException {
    JsonNode r = run(SharedFixtures.savedModel("mnist_cnn_tf2_0_logits"), "--test-limit", "100",
        "--attack", "worst", "--eps", "0.1", "--apgd-iterations", "10", "--pgd-restarts", "2");
    assertEquals("white-box", r.at("/mode").asText());
    assertEquals("worst-case", r.at("/attack").asText());
    assertEquals(3, r.at("/attack_params/members").size());
    assertEquals("every step", r.at("/attack_params/members/1/clip").asText());
    assertEquals(2, r.at("/attack_params/members/1/num_random_init").asInt());
    assertTrue(r.at("/perturbed_accuracy").asDouble() < r.at("/clean_accuracy").asDouble());
  }

  @Test
  void tf1ModelUsesItsPredictSignatureAndAGivenSurrogate() throws IOException {
    JsonNode r = run(SharedFixtures.savedModel("mnist_softmax_tf1_11"), "--test-limit", "200",
        "--attack", "pgd", "--pgd-iterations", "3",
        "--surrogate", SharedFixtures.h5().toString());
    assertEquals("predict_images", r.at("/signature").asText(),
        "serving_default takes tf.Example strings");
    assertEquals("images float32[-1,784]", r.at("/signature_input").asText());
    assertEquals("transfer", r.at("/mode").asText());
    assertEquals(SharedFixtures.h5().toString(), r.at("/surrogate").asText());
    assertEquals(3, r.at("/pgd_iterations").asInt());
    double clean = r.at("/clean_accuracy").asDouble();
    assertTrue(clean > 0.85, "clean " + clean);
    assertTrue(r.at("/perturbed_accuracy").asDouble() < clean, r.toString());
  }

  @Test
  void attackNoneMeasuresCleanAccuracyOnly() throws IOException {
    JsonNode r = run(SharedFixtures.savedModel("mnist_cnn_tf2_0_logits"), "--test-limit", "100",
        "--attack", "none");
    assertEquals("none", r.at("/attack").asText());
    assertTrue(r.at("/perturbed_accuracy").isNull(), r.toString());
    assertTrue(r.at("/mode").isMissingNode(), "no attack, no mode");
    assertTrue(r.at("/clean_accuracy").asDouble() > 0.95, r.toString());
  }

  /**
   * {@code --preprocess scale-center} feeds the signature {@code 2x - 1}: the command's clean
   * accuracy equals the signature's accuracy on images centred by hand, and differs from that
   * on the unscaled pixels.
   */
  @Test
  void scaleCenterFeedsTheSignatureTwoXMinusOne() throws IOException {
    int n = 300;
    Path model = SharedFixtures.savedModel("mnist_cnn_tf2_0_logits");
    JsonNode r = run(model, "--test-limit", Integer.toString(n), "--attack", "none",
        "--preprocess", "scale-center");
    assertEquals("scale-center", r.at("/preprocess").asText());
    Path dir = SharedFixtures.mnistTest();
    float[] bytes = Idx.readImages(dir.resolve("t10k-images-idx3-ubyte.gz")).rows(0, n).floats();
    long[] labels = Arrays.copyOf(
        Idx.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz")).longs(), n);
    float[] centred = new float[bytes.length];
    float[] unit = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      unit[i] = bytes[i] / 255f;
      centred[i] = 2 * unit[i] - 1;
    }
    try (LoadedModel loaded = LoadedModel.load(model)) {
      SignatureClassifier signature = SignatureClassifier.select(loaded, null,
          new long[] {28, 28, 1}, ClipValues.UNIT, Preprocessing.NONE, 100);
      double byHand = Predictions.correct(Robustness.predictions(signature,
          FeatureArray.ofFloats(centred, n, 28, 28, 1)), labels) / (double) n;
      double uncentred = Predictions.correct(Robustness.predictions(signature,
          FeatureArray.ofFloats(unit, n, 28, 28, 1)), labels) / (double) n;
      assertEquals(byHand, r.at("/clean_accuracy").asDouble(), 1e-12);
      assertTrue(Math.abs(byHand - uncentred) >= 1.0 / n, byHand + " vs " + uncentred);
    }
  }
}
