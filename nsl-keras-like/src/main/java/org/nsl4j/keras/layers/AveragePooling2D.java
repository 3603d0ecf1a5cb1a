package org.nsl4j.keras.layers;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Average pooling over NHWC images, as Keras's {@code AveragePooling2D}. */
public final class AveragePooling2D extends Pooling2D {

  /** A {@code poolSize}×{@code poolSize} window with the same strides, valid padding. */
  public AveragePooling2D(int poolSize) {
    this(poolSize, poolSize, "valid", null);
  }

  /** Square window and strides, padding {@code valid}/{@code same}, optional name. */
  public AveragePooling2D(int poolSize, int strides, String padding, String name) {
    super(poolSize, poolSize, strides, strides, padding, name);
  }

  /**
   * A window of {@code poolSize} (one size for both dimensions, or height and width) moved by
   * {@code strides} (likewise; Keras's default is the pool size), padding {@code valid}/{@code
   * same}, optional name.
   */
  public AveragePooling2D(int[] poolSize, int[] strides, String padding, String name) {
    super(poolSize, strides, padding, name);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return tf.nn.avgPool(input, Arrays.stream(window()).boxed().toList(),
        Arrays.stream(stride()).boxed().toList(), tfPadding());
  }
}
