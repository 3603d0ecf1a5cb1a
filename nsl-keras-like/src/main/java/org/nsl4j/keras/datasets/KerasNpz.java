package org.nsl4j.keras.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/**
 * Keras's cached {@code mnist.npz}: entries {@code x_train}, {@code y_train}, {@code x_test},
 * {@code y_test}, images [N, rows, cols] of pixel values 0..255 and labels [N].
 */
final class KerasNpz {

  private KerasNpz() {}

  /** The training split and, when {@code withTest}, the test split of {@code file}. */
  static Splits read(Path file, boolean withTest) throws IOException {
    Map<String, NpyArray> arrays =
        withTest
            ? Npz.read(file, "x_train", "y_train", "x_test", "y_test")
            : Npz.read(file, "x_train", "y_train");
    Split train = split(file, arrays.get("x_train"), arrays.get("y_train"), "train");
    Split test = withTest ? split(file, arrays.get("x_test"), arrays.get("y_test"), "test") : null;
    return new Splits(train, test);
  }

  private static Split split(Path file, NpyArray x, NpyArray y, String part)
      throws DatasetFormatException {
    long[] shape = x.shape();
    if (!(shape.length == 3 || shape.length == 4 && shape[3] == 1)) {
      throw new DatasetFormatException(
          x.name() + ": images have shape " + Arrays.toString(shape)
              + "; expected [N, rows, cols] or [N, rows, cols, 1]");
    }
    if (y.shape().length != 1) {
      throw new DatasetFormatException(
          y.name() + ": labels have shape " + Arrays.toString(y.shape()) + "; expected [N]");
    }
    FeatureArray images = x.toFloats().reshape(shape[0], shape[1], shape[2], 1);
    Features examples = Idx.labeled(images, x.name(), y.toLongs(), y.name());
    return Split.of(examples, SplitSource.Origin.KERAS_NPZ,
        "Keras cache " + file + ": x_" + part + ", y_" + part + " (" + Split.summary(examples)
            + ")");
  }
}
