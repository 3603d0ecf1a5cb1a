package org.nsl4j.keras.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A Keras loss: per-example values that training averages over the batch. */
public interface Loss {

  /** The Keras name, e.g. {@code sparse_categorical_crossentropy}. */
  String name();

  /** Whether labels are integer class ids (int64) rather than float targets. */
  boolean sparseLabels();

  /** Loss of each example, shape {@code [batch]}. */
  Operand<TFloat32> perExample(Ops tf, Operand<?> yTrue, Operand<TFloat32> yPred);
}
