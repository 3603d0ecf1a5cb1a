package org.nsl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsl4j.keras.testing.SharedFixtures;

/**
 * Bad input to {@code evaluate-savedmodel} and {@code harden} fails before any work with one
 * message, exit code 2, and nothing written to {@code --out}.
 */
class SavedModelValidationTest {

  @TempDir Path tmp;

  private CliRun failing(String command, Path model, String... more) {
    Path out = tmp.resolve("out");
    String[] args = Stream.concat(Stream.of(command, "--model", model.toString(), "--out",
        out.toString()), Stream.of(more)).toArray(String[]::new);
    CliRun run = CliRun.of(args);
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().startsWith("error: "), run.err());
    assertEquals(1, run.err().strip().lines().count(), "one message: " + run.err());
    assertFalse(run.trained(), "no training may start: " + run.out());
    assertFalse(Files.exists(out), "nothing may be written to --out");
    return run;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "evaluate-savedmodel | --attack cw         | --attack must be fgsm, pgd, apgd, square, worst or none, got 'cw'",
      "evaluate-savedmodel | --preprocess center | --preprocess must be scale or scale-center",
      "evaluate-savedmodel | --eps 0             | --eps must be in (0, 1] (pixels are in [0, 1]),"
          + " got 0.0",
      "evaluate-savedmodel | --eps NaN           | --eps must be in (0, 1]",
      "evaluate-savedmodel | --eps Infinity      | --eps must be in (0, 1]",
      "evaluate-savedmodel | --eps -0.1          | --eps must be in (0, 1]",
      "evaluate-savedmodel | --pgd-iterations 0 --attack pgd | --pgd-iterations must be positive",
      "evaluate-savedmodel | --batch-size 0      | --batch-size must be positive",
      "harden              | --eps 1.5           | --eps must be in (0, 1]",
      "harden              | --epochs -1         | --epochs must be >= 0",
  })
  void badValuesAreNamed(String command, String flags, String message) throws IOException {
    Path model = Files.createDirectories(tmp.resolve("model"));
    CliRun run = failing(command, model, flags.trim().split(" +"));
    assertTrue(run.err().contains(message), run.err());
  }

  @ParameterizedTest
  @CsvSource({"evaluate-savedmodel", "harden"})
  void missingModelIsNamed(String command) {
    Path missing = tmp.resolve("no-such-model");
    CliRun run = failing(command, missing);
    assertTrue(run.err().contains("--model " + missing + " does not exist or is not readable"),
        run.err());
  }

  @Test
  void missingSurrogateIsNamed() {
    Path model = SharedFixtures.savedModel("mnist_cnn_tf2_19_keras3");
    Path missing = tmp.resolve("no-such-surrogate");
    CliRun run = failing("evaluate-savedmodel", model, "--surrogate", missing.toString());
    assertTrue(run.err().contains("--surrogate " + missing + " does not exist"), run.err());
  }

  @Test
  void signatureThatTakesNoImagesNamesItsInputAndShape() {
    CliRun run = failing("evaluate-savedmodel", SharedFixtures.savedModel("iris_dense_tf2_13"));
    assertTrue(run.err().contains(
        "signature 'serving_default' input 'dense_4_input' is float32[-1,4]"), run.err());
    assertTrue(run.err().contains("[-1,28,28,1], [-1,28,28] or [-1,784]"), run.err());
  }

  @Test
  void unknownSignatureListsTheSignatures() {
    CliRun run = failing("evaluate-savedmodel", SharedFixtures.savedModel("mnist_softmax_tf1_11"),
        "--signature", "predict");
    assertTrue(run.err().contains("no signature 'predict'"), run.err());
    assertTrue(run.err().contains("predict_images"), run.err());
  }

  @Test
  void unwritableOutputIsNamed() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    Path out = file.resolve("out");
    CliRun run = CliRun.of("evaluate-savedmodel", "--model",
        SharedFixtures.savedModel("mnist_cnn_tf2_0_logits").toString(), "--out", out.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("cannot write to output directory " + out), run.err());
  }

  @Test
  void inferenceOnlyModelCannotBeHardened() {
    CliRun run = failing("harden", SharedFixtures.savedModel("mnist_cnn_tf2_19_keras3"));
    assertTrue(run.err().contains("cannot be hardened"), run.err());
    assertTrue(run.err().contains("no Keras model config"), run.err());
  }
}
