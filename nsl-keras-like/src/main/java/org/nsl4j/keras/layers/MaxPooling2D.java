package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
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

  /**
   * A window of {@code poolSize} (one size for both dimensions, or height and width) moved by
   * {@code strides} (likewise; Keras's default is the pool size), padding {@code valid}/{@code
   * same}, optional name.
   */
  public MaxPooling2D(int[] poolSize, int[] strides, String padding, String name) {
    super(poolSize, strides, padding, name);
  }

  /**
   * Builds TensorFlow's {@code MaxPool} op (window as attributes), as Keras does: its gradient
   * has a oneDNN kernel, while {@code MaxPoolV2} (what {@code tf.nn.maxPool} builds in
   * TensorFlow Java) falls back to a kernel several times slower than the convolutions.
   */
  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return maxPool(tf, input, window(), stride(), tfPadding());
  }

  /** TensorFlow's {@code MaxPool} op on NHWC {@code input}. */
  public static Operand<TFloat32> maxPool(
      Ops tf, Operand<TFloat32> input, long[] window, long[] strides, String padding) {
    OperationBuilder b = tf.scope().opBuilder("MaxPool", "MaxPool");
    b.addInput(input.asOutput());
    b.setAttr("ksize", window);
    b.setAttr("strides", strides);
    b.setAttr("padding", padding);
    b.setAttr("data_format", "NHWC");
    return b.build().output(0);
  }
}
