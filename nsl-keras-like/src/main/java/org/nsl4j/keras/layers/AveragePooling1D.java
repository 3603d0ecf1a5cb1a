package org.nsl4j.keras.layers;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Average pooling over (batch, steps, channels) sequences, as Keras's {@code AveragePooling1D};
 * with {@code same} padding the windows at the edges average only the steps they cover.
 */
public final class AveragePooling1D extends Pooling1D {

  /** A window of 2 steps with the same strides, valid padding (Keras's defaults). */
  public AveragePooling1D() {
    this(2);
  }

  /** A window of {@code poolSize} steps with the same strides, valid padding. */
  public AveragePooling1D(int poolSize) {
    this(poolSize, poolSize, "valid", null);
  }

  /** Window, strides, padding {@code valid}/{@code same}, optional name. */
  public AveragePooling1D(int poolSize, int strides, String padding, String name) {
    super(poolSize, strides, padding, name);
  }

  @Override
  protected Operand<TFloat32> pool2d(
      Ops tf, Operand<TFloat32> x, long[] window, long[] strides, String padding) {
    return tf.nn.avgPool(x, Arrays.stream(window).boxed().toList(),
        Arrays.stream(strides).boxed().toList(), padding);
  }
}
