package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The element-wise mean of its inputs, as Keras's {@code Average}. */
public final class Average extends Merge {

  public Average() {
    this(null);
  }

  public Average(String name) {
    super(name);
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return tf.math.add(a, b);
  }

  @Override
  protected Operand<TFloat32> finish(Ops tf, Operand<TFloat32> merged, int count) {
    return tf.math.mul(merged, tf.constant(1f / count));
  }
}
