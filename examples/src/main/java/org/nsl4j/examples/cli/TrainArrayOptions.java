package org.nsl4j.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.datasets.ImageArrays;
import picocli.CommandLine.Option;

/**
 * The training images of a command that trains on NumPy arrays: more arrays of {@code --data}
 * ({@code --train-images-key}, {@code --train-labels-key}), or two more {@code .npy} files
 * beside {@code --images}/{@code --labels}.
 */
public final class TrainArrayOptions {

  static final String IMAGES_KEY = "x_train";
  static final String LABELS_KEY = "y_train";

  @Option(names = "--train-images-key", paramLabel = "NAME",
      description = "Array of --data holding the training images (default: " + IMAGES_KEY
          + ").")
  String imagesKey;

  @Option(names = "--train-labels-key", paramLabel = "NAME",
      description = "Array of --data holding the training labels (default: " + LABELS_KEY
          + ").")
  String labelsKey;

  @Option(names = "--train-images", paramLabel = "FILE.npy",
      description = "The training images as one .npy file (with --images/--labels).")
  Path images;

  @Option(names = "--train-labels", paramLabel = "FILE.npy",
      description = "The training labels as one .npy file (with --train-images).")
  Path labels;

  /** Checks these flags against the test arrays' (one kind of source for both splits). */
  void validate(ImageArrayOptions test) {
    if (test.npz == null && (imagesKey != null || labelsKey != null)) {
      throw new IllegalArgumentException((imagesKey != null ? "--train-images-key"
          : "--train-labels-key") + " names an array of --data, which is not given");
    }
    boolean files = images != null || labels != null;
    if (files && test.images == null) {
      throw new IllegalArgumentException("--train-images/--train-labels go with the test"
          + " arrays --images/--labels" + (test.npz != null ? "; with --data use"
          + " --train-images-key and --train-labels-key" : ""));
    }
    if (test.images != null && (images == null || labels == null)) {
      throw new IllegalArgumentException("training on .npy arrays needs --train-images and"
          + " --train-labels beside --images and --labels");
    }
  }

  /** The training images and labels, uint8 pixels divided by 255. */
  Features read(ImageArrayOptions test) throws IOException {
    return test.npz != null
        ? ImageArrays.readNpz(test.npz, imagesKey(), labelsKey(), true)
        : ImageArrays.readNpy(images, labels, true);
  }

  /** Where the training images come from. */
  String describe(ImageArrayOptions test) {
    return test.npz != null ? imagesKey() + ", " + labelsKey() + " of " + test.npz
        : images + ", " + labels;
  }

  private String imagesKey() {
    return imagesKey != null ? imagesKey : IMAGES_KEY;
  }

  private String labelsKey() {
    return labelsKey != null ? labelsKey : LABELS_KEY;
  }
}
