package org.nsl4j.examples.savedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsl4j.examples.CliRun;
import org.nsl4j.examples.ImageArrayFiles.Split;
import org.nsl4j.examples.ImageArrayFiles;
import org.nsl4j.keras.datasets.NpyWriter;
import org.nsl4j.keras.testing.SharedFixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


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
      "evaluate-savedmodel | --preprocess center | --preprocess must be scale, scale-center or"
          + " raw, got 'center'",
      "harden              | --preprocess 255    | --preprocess must be scale, scale-center or raw",
      "evaluate-savedmodel | --images x.npy      | --images needs --labels",
      "evaluate-savedmodel | --labels y.npy      | --labels needs --images",
      "evaluate-savedmodel | --images-key x      | --images-key names an array of --data, which"
          + " is not given",
      "evaluate-savedmodel | --data c.npz --data-dir d | --data replaces the MNIST digits: drop"
          + " --data-dir, --test-data-dir and --download",
      "evaluate-savedmodel | --data c.npz --images x.npy --labels y.npy | --data and"
          + " --images/--labels both give the test images: use one",
      "harden              | --images x.npy --labels y.npy | training on .npy arrays needs"
          + " --train-images and --train-labels beside --images and --labels",
      "harden              | --train-labels-key y | --train-labels-key names an array of --data",
      "harden              | --data c.npz --train-images x.npy | --train-images/--train-labels go"
          + " with the test arrays --images/--labels; with --data use --train-images-key",
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

  private Path colourImages() throws IOException {
    int n = 4;
    byte[] pixels = ImageArrayFiles.randomPixels(1, n, 32, 32, 3);
    long[] labels = new long[n];
    return ImageArrayFiles.npz(tmp.resolve("cifar.npz"),
        new Split("x_test", "y_test", pixels, labels, new long[] {32, 32, 3}),
        new Split("x_train", "y_train", pixels, labels, new long[] {32, 32, 3}));
  }

  @ParameterizedTest
  @CsvSource({"evaluate-savedmodel", "harden"})
  void imagesThatDoNotFitTheModelNameTheFlag(String command) throws IOException {
    Path npz = colourImages();
    CliRun run = failing(command, SharedFixtures.keras("mnist_cnn_keras3_1.keras"), "--data",
        npz.toString());
    assertTrue(run.err().contains("--data " + npz + ": the images are [32, 32, 3] but model"
        + " 'sequential' takes [28, 28, 1]"), run.err());
  }

  @Test
  void imagesThatFitNoSignatureNameTheFlag() throws IOException {
    Path npz = colourImages();
    CliRun run = failing("evaluate-savedmodel", SharedFixtures.savedModel("mnist_cnn_tf2_11"),
        "--data", npz.toString());
    assertTrue(run.err().contains("--data " + npz + ": signature 'serving_default' input"
        + " 'conv2d_input' is float32[-1,28,28,1]: the images of shape [32,32,3] need"), run.err());
  }

  @Test
  void floatImagesOutsideTheUnitRangeAreRejected() throws IOException {
    float[] raw = new float[2 * 4];
    raw[3] = 255f;
    Path images = ImageArrayFiles.write(tmp.resolve("x.npy"), NpyWriter.npy("<f4", false,
        new long[] {2, 2, 2}, NpyWriter.float32(raw), 1));
    Path labels = ImageArrayFiles.write(tmp.resolve("y.npy"), ImageArrayFiles.labels(
        new long[] {0, 1}));
    CliRun run = failing("evaluate-savedmodel", Files.createDirectories(tmp.resolve("m")),
        "--images", images.toString(), "--labels", labels.toString());
    assertTrue(run.err().contains(images + ", " + labels + ": the images hold values from 0.0"
        + " to 255.0, not pixels in [0, 1]"), run.err());
    assertTrue(run.err().contains("--preprocess raw"), run.err());
  }

  @ParameterizedTest
  @CsvSource({"--signature, serving_default", "--surrogate, ."})
  void signatureFlagsDoNotApplyToAKerasFile(String flag, String value) {
    Path file = SharedFixtures.keras("mnist_cnn_keras3_1.keras");
    CliRun run = failing("evaluate-savedmodel", file, flag, value);
    assertTrue(run.err().contains(flag + " applies to SavedModel directories; --model " + file
        + " is a Keras model file"), run.err());
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
    assertTrue(run.err().contains("--out " + out + " cannot be written: " + file
        + " is a file, not a directory"), run.err());
  }

  /** The Keras 3 model whose checkpoint lacks its weights is reported first, by its run failure. */
  @ParameterizedTest
  @CsvSource({"evaluate-savedmodel, evaluated", "harden, hardened"})
  void aModelWhoseSignatureFailsIsReportedBeforeAnyDataOrSurrogate(String command,
      String purpose) {
    Path model = SharedFixtures.savedModel("broken_keras3_mlp_tf2_16");
    CliRun run = command.equals("harden") ? failing(command, model)
        : failing(command, model, "--attack", "fgsm", "--surrogate",
            SharedFixtures.keras("mnist_cnn_keras3_1.keras").toString());
    String err = run.err();
    assertTrue(err.contains("--model " + model + " cannot be " + purpose), err);
    assertTrue(err.contains("signature 'serving_default' of " + model + " failed: variables"
        + " missing from the checkpoint") && err.contains("sequential/dense/kernel"), err);
    assertTrue(err.contains("model.export(dir)"), err);
    assertFalse(err.contains("signatures run") || err.contains("runs its signatures"), err);
    assertFalse(run.out().contains("data:") || run.out().contains("mode:"),
        "reported before the data, the surrogate or the attack: " + run.out());
  }

  @Test
  void inferenceOnlyModelCannotBeHardened() {
    CliRun run = failing("harden", SharedFixtures.savedModel("mnist_cnn_tf2_19_keras3"));
    assertTrue(run.err().contains("cannot be hardened"), run.err());
    assertTrue(run.err().contains("no Keras model config"), run.err());
  }
}
