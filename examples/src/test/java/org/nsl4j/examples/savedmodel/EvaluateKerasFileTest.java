package org.nsl4j.examples.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.CliRun;
import org.nsl4j.examples.ImageArrayFiles.Split;
import org.nsl4j.examples.ImageArrayFiles;
import org.nsl4j.examples.cli.Predictions;
import org.nsl4j.examples.reports.PerturbedExamplesGrid;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Idx;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LayerConfig;
import org.nsl4j.savedmodel.LayerFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** {@code evaluate-savedmodel} on .keras and .h5 files, and on images from NumPy arrays. */
class EvaluateKerasFileTest {

  @TempDir Path tmp;

  private JsonNode run(String... args) throws IOException {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of(Stream.concat(Stream.of("evaluate-savedmodel", "--out",
        out.toString()), Stream.of(args)).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("model            clean acc   perturbed acc"), run.out());
    return Reports.json().readTree(out.resolve(Reports.FILE_NAME).toFile());
  }

  /** The self-check of issue 12: the authors' 0.9928 on all 10,000 real test digits. */
  @Test
  void keras3FileIsEvaluatedAsItsRebuiltModelOnAllTestDigits() throws IOException {
    JsonNode r = run("--model", SharedFixtures.keras("mnist_cnn_keras3_1.keras").toString(),
        "--test-data-dir", SharedFixtures.mnistTest().toString(), "--attack", "fgsm",
        "--eps", "0.2");
    assertEquals(10_000, r.at("/data/test_size").asInt());
    assertTrue(r.at("/signature").isNull(), r.toString());
    assertEquals("Keras 3 .keras archive", r.at("/format").asText());
    assertEquals("3.1.1", r.at("/keras_version").asText());
    assertTrue(r.at("/evaluated").asText().contains("no serving signature"), r.toString());
    assertEquals("white-box", r.at("/mode").asText());
    assertEquals("fgsm", r.at("/attack").asText());
    assertEquals("every step", r.at("/clip").asText());
    double clean = r.at("/clean_accuracy").asDouble();
    double perturbed = r.at("/perturbed_accuracy").asDouble();
    System.out.printf("mnist_cnn_keras3_1.keras through evaluate-savedmodel: clean %.4f,"
        + " white-box FGSM eps 0.2 %.4f%n", clean, perturbed);
    assertEquals(0.9928, clean, 0.003);
    assertTrue(perturbed < clean - 0.1, perturbed + " vs " + clean);
  }

  /**
   * The CIFAR-10 ResNet-8 is fed raw 0-255 pixels: colour images from an .npz, labelled with the
   * model's own predictions on the raw values, must all be right with {@code --preprocess raw}.
   */
  @Test
  void resNet8TakesColourImagesFromAnNpzAsRawPixels() throws IOException {
    Path h5 = SharedFixtures.keras("cifar10_resnet8_keras2_4.h5");
    int n = 48;
    byte[] pixels = ImageArrayFiles.randomPixels(3, n, 32, 32, 3);
    long[] labels;
    try (Model model = KerasModelLoader.load(h5)) {
      labels = Predictions.argmax(model.predict(ImageArrayFiles.raw(pixels, n, 32, 32, 3)));
    }
    Path npz = ImageArrayFiles.npz(tmp.resolve("cifar.npz"),
        new Split("x_test", "y_test", pixels, labels, new long[] {32, 32, 3}));
    JsonNode r = run("--model", h5.toString(), "--data", npz.toString(), "--preprocess", "raw",
        "--attack", "fgsm", "--eps", "0.03");
    assertEquals(Arrays.asList(32, 32, 3), Arrays.asList(r.at("/data/image_shape/0").asInt(),
        r.at("/data/image_shape/1").asInt(), r.at("/data/image_shape/2").asInt()));
    assertEquals("x_test, y_test of " + npz, r.at("/data/test_source").asText());
    assertEquals("legacy HDF5 (Keras 2)", r.at("/format").asText());
    assertEquals(1.0, r.at("/clean_accuracy").asDouble(), "raw pixels reach the model");
    assertTrue(r.at("/perturbed_accuracy").asDouble() < 1.0, r.toString());
    BufferedImage grid = ImageIO.read(tmp.resolve("out")
        .resolve(PerturbedExamplesGrid.FILE_NAME).toFile());
    int[] size = PerturbedExamplesGrid.size(32, 32, 32);
    assertEquals(size[1], grid.getHeight());
    boolean colour = false;
    for (int y = 0; y < grid.getHeight() && !colour; y++) {
      for (int x = 0; x < grid.getWidth() && !colour; x++) {
        int rgb = grid.getRGB(x, y);
        colour = ((rgb >> 16) & 0xff) != (rgb & 0xff) || ((rgb >> 8) & 0xff) != (rgb & 0xff);
      }
    }
    assertTrue(colour, "three-channel images are drawn in colour");
  }

  /** The same digits as IDX and as a pair of .npy files ([N, 28, 28] uint8) score the same. */
  @Test
  void npyImagesWithoutAChannelAxisScoreAsTheIdxDigits() throws IOException {
    Path model = SharedFixtures.keras("mnist_cnn_keras3_1.keras");
    Path mnist = SharedFixtures.mnistTest();
    int n = 300;
    FeatureArray digits = Idx.readImages(mnist.resolve("t10k-images-idx3-ubyte.gz")).rows(0, n);
    long[] labels = Arrays.copyOf(
        Idx.readLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz")).longs(), n);
    byte[] pixels = new byte[digits.floats().length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) digits.floats()[i];
    }
    Path images = ImageArrayFiles.write(tmp.resolve("x.npy"),
        ImageArrayFiles.images(pixels, n, 28, 28));
    Path labelFile = ImageArrayFiles.write(tmp.resolve("y.npy"), ImageArrayFiles.labels(labels));
    JsonNode fromNpy = run("--model", model.toString(), "--images", images.toString(),
        "--labels", labelFile.toString(), "--attack", "none");
    double npy = fromNpy.at("/clean_accuracy").asDouble();
    JsonNode fromIdx = run("--model", model.toString(), "--test-data-dir", mnist.toString(),
        "--test-limit", String.valueOf(n), "--attack", "none");
    assertEquals(fromIdx.at("/clean_accuracy").asDouble(), npy);
    assertTrue(npy > 0.95, "accuracy " + npy);
    assertEquals(28, fromNpy.at("/data/image_shape/1").asInt());
    assertEquals(1, fromNpy.at("/data/image_shape/2").asInt(), "a channel axis is added");
  }

  /** AutoKeras's CastToFloat32 (model inputs are float32 already) or ExpandLastDim. */
  static final class AutoKerasLayer extends Layer {
    private final boolean expand;

    AutoKerasLayer(String name, boolean expand) {
      super(name);
      this.expand = expand;
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, boolean training) {
      return expand ? tf.expandDims(x, tf.constant(-1)) : tf.identity(x);
    }
  }

  /** {@code --custom-layer CastToFloat32=...}. */
  public static final class CastFactory implements LayerFactory {
    @Override
    public Layer create(LayerConfig config) {
      return new AutoKerasLayer(config.name(), false);
    }
  }

  /** {@code --custom-layer ExpandLastDim=...}. */
  public static final class ExpandFactory implements LayerFactory {
    @Override
    public Layer create(LayerConfig config) {
      return new AutoKerasLayer(config.name(), true);
    }
  }

  /** The AutoKeras model's [28, 28] input takes the [28, 28, 1] digits. */
  @Test
  void customLayersAreRegisteredFromTheCommandLine() throws IOException {
    JsonNode r = run("--model",
        SharedFixtures.keras("mnist_autokeras_custom_layers_keras3_3.keras").toString(),
        "--custom-layer", "CastToFloat32=" + CastFactory.class.getName(),
        "--custom-layer", "ExpandLastDim=" + ExpandFactory.class.getName(),
        "--test-data-dir", SharedFixtures.mnistTest().toString(), "--test-limit", "500");
    assertEquals("input_layer [28, 28]", r.at("/rebuilt_input").asText());
    assertEquals("white-box", r.at("/mode").asText());
    double clean = r.at("/clean_accuracy").asDouble();
    assertTrue(clean > 0.97, "clean " + clean);
    assertTrue(r.at("/perturbed_accuracy").asDouble() < clean, r.toString());
  }
}
