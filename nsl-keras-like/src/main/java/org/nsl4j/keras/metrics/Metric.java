package org.nsl4j.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A Keras metric averaged over examples, e.g. {@code sparse_categorical_accuracy}. */
public interface Metric {

  /** The name reported in progress lines, histories and evaluation results. */
  String name();

  /** The metric's value for each example, shape {@code [batch]}. */
  Operand<TFloat32> perExample(Ops tf, Operand<?> yTrue, Operand<TFloat32> yPred);
}
