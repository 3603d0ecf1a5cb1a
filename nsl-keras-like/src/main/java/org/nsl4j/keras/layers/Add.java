package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The element-wise sum of its inputs, as Keras's {@code Add}. */
public final class Add extends Merge {

  public Add() {
    this(null);
  }

  public Add(String name) {
    super(name);
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return tf.math.add(a, b);
  }
}
