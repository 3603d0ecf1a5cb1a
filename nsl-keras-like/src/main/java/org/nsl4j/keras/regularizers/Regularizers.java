package org.nsl4j.keras.regularizers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Keras weight regularizers: {@code l1}, {@code l2}, {@code l1_l2}. */
public final class Regularizers {

  /** A penalty on a weight, added to the training loss. */
  @FunctionalInterface
  public interface Regularizer {
    Operand<TFloat32> penalty(Ops tf, Operand<TFloat32> weight);
  }

  private Regularizers() {}

  /** {@code l1 * sum(|w|)}. */
  public static Regularizer l1(float l1) {
    return l1L2(l1, 0f);
  }

  /** {@code l2 * sum(w^2)}, as Keras's {@code l2}. */
  public static Regularizer l2(float l2) {
    return l1L2(0f, l2);
  }

  /** {@code l1 * sum(|w|) + l2 * sum(w^2)}. */
  public static Regularizer l1L2(float l1, float l2) {
    if (!(l1 >= 0 && l2 >= 0 && Float.isFinite(l1) && Float.isFinite(l2))) {
      throw new IllegalArgumentException(
          "regularization factors must be finite and >= 0, got l1=" + l1 + ", l2=" + l2);
    }
    return (tf, weight) -> {
      // Read the variable first: TensorFlow 2.18's Square gradient crashes on a ref-typed input.
      Operand<TFloat32> w = tf.identity(weight);
      int[] axes = new int[w.shape().numDimensions()];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      Operand<TInt32> all = tf.constant(axes);
      Operand<TFloat32> sq =
          tf.math.mul(tf.constant(l2), tf.reduceSum(tf.math.square(w), all));
      return l1 == 0f
          ? sq
          : tf.math.add(sq, tf.math.mul(tf.constant(l1), tf.reduceSum(tf.math.abs(w), all)));
    };
  }
}
