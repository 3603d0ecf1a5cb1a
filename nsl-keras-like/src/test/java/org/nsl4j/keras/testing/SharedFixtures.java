package org.nsl4j.keras.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's {@code ../shared} fixtures for tests of every module (shipped as this module's
 * test jar); tests using them skip when it is absent.
 */
public final class SharedFixtures {

  private SharedFixtures() {}

  /** {@code ../shared}, from the {@code nsl4j.shared} property or beside the project root. */
  public static Path dir() {
    String property = System.getProperty("nsl4j.shared");
    Path shared;
    if (property != null) {
      shared = Path.of(property);
    } else {
      Path root = Path.of("").toAbsolutePath();
      while (root.getParent() != null && !Files.exists(root.resolve("mvnw"))) {
        root = root.getParent();
      }
      shared = root.resolve("../shared");
    }
    shared = shared.normalize();
    assumeTrue(Files.isDirectory(shared),
        "../shared not present (" + shared + "): fixture tests skipped");
    return shared;
  }

  /** A fixture SavedModel directory, e.g. {@code mnist_cnn_tf2_0_logits}. */
  public static Path savedModel(String name) {
    Path dir = dir().resolve("fixtures/savedmodels").resolve(name);
    assumeTrue(Files.isDirectory(dir), "fixture " + dir + " not present: skipped");
    return dir;
  }

  /** A Keras model file of {@code fixtures/keras}, e.g. {@code mnist_cnn_keras3_1.keras}. */
  public static Path keras(String name) {
    Path file = dir().resolve("fixtures/keras").resolve(name);
    assumeTrue(Files.isRegularFile(file), "fixture " + file + " not present: skipped");
    return file;
  }

  /** The Keras HDF5 file of the TF 2.0 MNIST CNN. */
  public static Path h5() {
    Path file = dir().resolve("fixtures/annesh0_mnist_cnn_tf2_0_final_model.h5");
    assumeTrue(Files.isRegularFile(file), "fixture " + file + " not present: skipped");
    return file;
  }

  /** The directory of the real MNIST test set. */
  public static Path mnistTest() {
    Path dir = dir().resolve("data/mnist");
    assumeTrue(Files.isRegularFile(dir.resolve("t10k-images-idx3-ubyte.gz")),
        "MNIST test set " + dir + " not present: skipped");
    return dir;
  }
}
