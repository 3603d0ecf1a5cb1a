package org.nsl4j.keras.layers;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.ResizeNearestNeighbor;
import org.tensorflow.types.TFloat32;

/**
 * Image resizing as Python's {@code tf.image.resize} does it (half-pixel centres, no corner
 * alignment), which Keras's {@code Resizing}, {@code UpSampling2D} and {@code RandomCrop} use:
 * TensorFlow's {@code ResizeBilinear} and {@code ResizeNearestNeighbor}, both with gradients.
 */
final class ImageResize {

  private ImageResize() {}

  /** {@code "bilinear"} or {@code "nearest"}, lower case. */
  static String checkInterpolation(String layer, String interpolation) {
    String i = interpolation == null ? "" : interpolation.toLowerCase(Locale.ROOT);
    if (!i.equals("bilinear") && !i.equals("nearest")) {
      throw new IllegalArgumentException(layer + " interpolation must be 'bilinear' or 'nearest',"
          + " got '" + interpolation + "'");
    }
    return i;
  }

  /** {@code x} resized to {@code height × width}. */
  static Operand<TFloat32> resize(Ops tf, Operand<TFloat32> x, long height, long width,
      String interpolation) {
    if (x.shape().size(1) == height && x.shape().size(2) == width) {
      return x;
    }
    Operand<org.tensorflow.types.TInt32> size =
        tf.constant(new int[] {(int) height, (int) width});
    return interpolation.equals("nearest")
        ? tf.image.resizeNearestNeighbor(x, size, ResizeNearestNeighbor.halfPixelCenters(true))
        : tf.image.resizeBilinear(x, size, ResizeBilinear.halfPixelCenters(true));
  }

  /**
   * The largest centred window of {@code x} (known height and width) with the aspect ratio of
   * {@code height × width}, as Keras's {@code crop_to_aspect_ratio}.
   */
  static Operand<TFloat32> cropToAspectRatio(Ops tf, Operand<TFloat32> x, long height,
      long width) {
    long inHeight = x.shape().size(1);
    long inWidth = x.shape().size(2);
    long cropHeight = Math.max(Math.min(inHeight, (long) ((double) inWidth * height / width)), 1);
    long cropWidth = Math.max(Math.min(inWidth, (long) ((double) inHeight * width / height)), 1);
    if (cropHeight == inHeight && cropWidth == inWidth) {
      return x;
    }
    int top = (int) (inHeight - cropHeight) / 2;
    int left = (int) (inWidth - cropWidth) / 2;
    // int32 begin and size: Slice's C++ gradient fails on int64 ones
    return tf.slice(x, tf.constant(new int[] {0, top, left, 0}),
        tf.constant(new int[] {-1, (int) cropHeight, (int) cropWidth, -1}));
  }
}
