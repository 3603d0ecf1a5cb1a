package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The element-wise minimum of its inputs, as Keras's {@code Minimum}. */
public final class Minimum extends Merge {

  public Minimum() {
    this(null);
  }

  public Minimum(String name) {
    super(name);
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return tf.math.minimum(a, b);
  }
}
