package org.nsl4j.keras.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/**
 * Labeled images of any size and channel count from NumPy files: an {@code .npz} archive with an
 * image array and a label array (e.g. {@code x_test}, {@code y_test} as Keras's {@code
 * cifar10.load_data()} arrays saved with {@code np.savez}), or a pair of {@code .npy} files.
 * Images are [N, H, W, C], or [N, H, W] (one channel added); labels are [N] or [N, 1] integers.
 * The result holds {@link Idx#IMAGE} (float32 [N, H, W, C], values as stored) and {@link
 * Idx#LABEL} (int64 [N]).
 */
public final class ImageArrays {

  private ImageArrays() {}

  /**
   * Images and labels from entries {@code imagesKey} and {@code labelsKey} of {@code file}; with
   * {@code unitRange}, uint8 pixels are divided by 255 (float arrays are kept as they are).
   */
  public static Features readNpz(Path file, String imagesKey, String labelsKey,
      boolean unitRange) throws IOException {
    Map<String, NpyArray> arrays = Npz.read(file, imagesKey, labelsKey);
    return labeled(arrays.get(imagesKey), arrays.get(labelsKey), unitRange);
  }

  /** Images and labels from two {@code .npy} files; {@code unitRange} as in {@link #readNpz}. */
  public static Features readNpy(Path images, Path labels, boolean unitRange)
      throws IOException {
    return labeled(npy(images), npy(labels), unitRange);
  }

  private static NpyArray npy(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such .npy file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Npy.read(in, file.toString());
    }
  }

  private static Features labeled(NpyArray x, NpyArray y, boolean unitRange)
      throws DatasetFormatException {
    long[] shape = x.shape();
    if (shape.length != 3 && shape.length != 4) {
      throw new DatasetFormatException(x.name() + ": images have shape "
          + Arrays.toString(shape) + "; expected [N, height, width, channels] or [N, height,"
          + " width]");
    }
    long[] labelShape = y.shape();
    if (!(labelShape.length == 1 || labelShape.length == 2 && labelShape[1] == 1)) {
      throw new DatasetFormatException(y.name() + ": labels have shape "
          + Arrays.toString(labelShape) + "; expected [N] or [N, 1] class indices");
    }
    FeatureArray images = x.toFloats().reshape(shape[0], shape[1], shape[2],
        shape.length == 4 ? shape[3] : 1);
    if (unitRange && x.dtype().equals("uint8")) {
      images = Pixels.toUnitRange(images);
    }
    FeatureArray labels = y.toLongs().reshape(labelShape[0]);
    return Idx.labeled(images, x.name(), labels, y.name());
  }
}
