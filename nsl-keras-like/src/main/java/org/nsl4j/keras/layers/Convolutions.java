package org.nsl4j.keras.layers;

import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Convolutions over NHWC tensors. Dilated ones are built as TensorFlow's Python {@code
 * tf.nn.convolution} builds them on CPU, as a stride-1 {@code VALID} convolution between {@code
 * SpaceToBatchND} and {@code BatchToSpaceND}: the gradient of a {@code Conv2D} op with dilations
 * crashes TensorFlow Java 1.1.0's oneDNN kernel.
 */
final class Convolutions {

  private Convolutions() {}

  /** {@code Conv2D} of {@code x} with {@code kernel} (HWIO). */
  static Operand<TFloat32> conv2d(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel,
      int[] strides, int[] dilation, String padding) {
    if (dilation[0] == 1 && dilation[1] == 1) {
      return tf.nn.conv2d(x, kernel, nhwc(strides), padding);
    }
    return dilated(tf, x, kernel.shape(), dilation, padding,
        in -> tf.nn.conv2d(in, kernel, nhwc(new int[] {1, 1}), "VALID"));
  }

  /** {@code DepthwiseConv2dNative} of {@code x} with {@code kernel} (H, W, in, multiplier). */
  static Operand<TFloat32> depthwise(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel,
      int[] strides, int[] dilation, String padding) {
    if (dilation[0] == 1 && dilation[1] == 1) {
      return tf.nn.depthwiseConv2dNative(x, kernel, nhwc(strides), padding);
    }
    return dilated(tf, x, kernel.shape(), dilation, padding,
        in -> tf.nn.depthwiseConv2dNative(in, kernel, nhwc(new int[] {1, 1}), "VALID"));
  }

  /**
   * {@code conv} (stride 1, {@code VALID}) applied with {@code dilation}: the input is padded as
   * {@code padding} requires, split into dilation blocks, convolved, and reassembled.
   */
  private static Operand<TFloat32> dilated(Ops tf, Operand<TFloat32> x, Shape kernelShape,
      int[] dilation, String padding, UnaryOperator<Operand<TFloat32>> conv) {
    int[][] paddings = new int[2][2];
    int[][] crops = new int[2][2];
    for (int i = 0; i < 2; i++) {
      long size = x.shape().size(i + 1);
      if (size < 0) {
        throw new IllegalArgumentException(
            "dilated convolutions need known spatial sizes, got " + x.shape());
      }
      int effective = (int) ((kernelShape.size(i) - 1) * dilation[i] + 1);
      int total = padding.equals("SAME") ? effective - 1 : 0;
      int before = total / 2;
      int extra = (int) ((dilation[i] - (size + total) % dilation[i]) % dilation[i]);
      paddings[i] = new int[] {before, total - before + extra};
      crops[i] = new int[] {0, extra};
    }
    Operand<TFloat32> blocks =
        tf.spaceToBatchNd(x, tf.constant(dilation), tf.constant(paddings));
    return tf.batchToSpaceNd(conv.apply(blocks), tf.constant(dilation), tf.constant(crops));
  }

  private static List<Long> nhwc(int[] strides) {
    return List.of(1L, (long) strides[0], (long) strides[1], 1L);
  }
}
