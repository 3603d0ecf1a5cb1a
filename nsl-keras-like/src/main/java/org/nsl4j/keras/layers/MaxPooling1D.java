package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Max pooling over (batch, steps, channels) sequences, as Keras's {@code MaxPooling1D}. */
public final class MaxPooling1D extends Pooling1D {

  /** A window of 2 steps with the same strides, valid padding (Keras's defaults). */
  public MaxPooling1D() {
    this(2);
  }

  /** A window of {@code poolSize} steps with the same strides, valid padding. */
  public MaxPooling1D(int poolSize) {
    this(poolSize, poolSize, "valid", null);
  }

  /** Window, strides, padding {@code valid}/{@code same}, optional name. */
  public MaxPooling1D(int poolSize, int strides, String padding, String name) {
    super(poolSize, strides, padding, name);
  }

  @Override
  protected Operand<TFloat32> pool2d(
      Ops tf, Operand<TFloat32> x, long[] window, long[] strides, String padding) {
    return MaxPooling2D.maxPool(tf, x, window, strides, padding);
  }
}
