package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The element-wise maximum of its inputs, as Keras's {@code Maximum}. */
public final class Maximum extends Merge {

  public Maximum() {
    this(null);
  }

  public Maximum(String name) {
    super(name);
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return tf.math.maximum(a, b);
  }
}
