package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Max pooling over NHWC images, as Keras's {@code MaxPooling2D}. */
public final class MaxPooling2D extends Pooling2D {

  /** A {@code poolSize}×{@code poolSize} window with the same strides, valid padding. */
  public MaxPooling2D(int poolSize) {
    this(poolSize, poolSize, "valid", null);
  }

  /** Square window and strides, padding {@code valid}/{@code same}, optional name. */
  public MaxPooling2D(int poolSize, int strides, String padding, String name) {
    super(poolSize, poolSize, strides, strides, padding, name);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return tf.nn.maxPool(input, tf.constant(toInts(window())), tf.constant(toInts(stride())),
        tfPadding());
  }

  private static int[] toInts(long[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (int) values[i];
    }
    return out;
  }
}
