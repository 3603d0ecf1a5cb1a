package org.nsl4j.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.datasets.ImageArrays;
import picocli.CommandLine.Option;

/**
 * Test images of any size and channel count from NumPy files, for models that do not take
 * MNIST's 28×28 digits: an {@code .npz} archive ({@code --data}, arrays named by {@code
 * --images-key} and {@code --labels-key}) or two {@code .npy} files ({@code --images}, {@code
 * --labels}). uint8 pixels are divided by 255; float pixels must be in [0, 1] already.
 */
public final class ImageArrayOptions {

  static final String IMAGES_KEY = "x_test";
  static final String LABELS_KEY = "y_test";

  @Option(names = "--data", paramLabel = "FILE.npz",
      description = "NumPy archive with the test images [N, H, W, C] or [N, H, W] (uint8 0-255,"
          + " or floats in [0, 1]) and labels [N], e.g. np.savez of Keras's"
          + " cifar10.load_data() arrays; replaces the MNIST digits.")
  Path npz;

  @Option(names = "--images-key", paramLabel = "NAME",
      description = "Array of --data holding the test images (default: " + IMAGES_KEY + ").")
  String imagesKey;

  @Option(names = "--labels-key", paramLabel = "NAME",
      description = "Array of --data holding the test labels (default: " + LABELS_KEY + ").")
  String labelsKey;

  @Option(names = "--images", paramLabel = "FILE.npy",
      description = "The test images as one .npy file (with --labels), instead of --data.")
  Path images;

  @Option(names = "--labels", paramLabel = "FILE.npy",
      description = "The test labels as one .npy file (with --images).")
  Path labels;

  /** Whether any flag asks for NumPy arrays instead of the MNIST digits. */
  boolean given() {
    return npz != null || images != null || labels != null || imagesKey != null
        || labelsKey != null;
  }

  /** Checks the combination: one source, keys only with {@code --data}, both .npy files. */
  void validate(DataOptions mnist) {
    if (npz != null && (images != null || labels != null)) {
      throw new IllegalArgumentException("--data and --images/--labels both give the test"
          + " images: use one");
    }
    if (npz == null && (imagesKey != null || labelsKey != null)) {
      throw new IllegalArgumentException((imagesKey != null ? "--images-key" : "--labels-key")
          + " names an array of --data, which is not given");
    }
    if (npz == null && (images == null) != (labels == null)) {
      throw new IllegalArgumentException(images == null ? "--labels needs --images"
          : "--images needs --labels");
    }
    if (given() && (mnist.dataDir != null || mnist.testDataDir != null || mnist.download)) {
      throw new IllegalArgumentException((npz != null ? "--data" : "--images") + " replaces the"
          + " MNIST digits: drop --data-dir, --test-data-dir and --download");
    }
  }

  /** The flag and file that give the test images, e.g. {@code --data cifar.npz}. */
  String flag() {
    return npz != null ? "--data " + npz : "--images " + images;
  }

  /** The test images and labels, uint8 pixels divided by 255. */
  Features read() throws IOException {
    return npz != null
        ? ImageArrays.readNpz(npz, imagesKey(), labelsKey(), true)
        : ImageArrays.readNpy(images, labels, true);
  }

  /** Where the test images come from, e.g. {@code x_test, y_test of cifar.npz}. */
  String describe() {
    return npz != null ? imagesKey() + ", " + labelsKey() + " of " + npz
        : images + ", " + labels;
  }

  private String imagesKey() {
    return imagesKey != null ? imagesKey : IMAGES_KEY;
  }

  private String labelsKey() {
    return labelsKey != null ? labelsKey : LABELS_KEY;
  }
}
