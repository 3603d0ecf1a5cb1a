package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The element-wise product of its inputs, as Keras's {@code Multiply}. */
public final class Multiply extends Merge {

  public Multiply() {
    this(null);
  }

  public Multiply(String name) {
    super(name);
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return tf.math.mul(a, b);
  }
}
