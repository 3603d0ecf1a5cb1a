package org.nsl4j.keras.training;

import java.util.Locale;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras losses. Cross-entropies are built on {@code SoftmaxCrossEntropyWithLogits}, which has a
 * registered gradient in TensorFlow Java (the sparse variant has none).
 */
public final class Losses {

  private Losses() {}

  /** The loss called {@code name} with Keras's defaults ({@code from_logits=False}). */
  public static Loss get(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sparse_categorical_crossentropy" -> sparseCategoricalCrossentropy(false);
      case "categorical_crossentropy" -> categoricalCrossentropy(false);
      case "mean_squared_error", "mse" -> meanSquaredError();
      default -> throw new IllegalArgumentException(
          "unknown loss '" + name + "' (expected sparse_categorical_crossentropy,"
              + " categorical_crossentropy or mean_squared_error)");
    };
  }

  /** Cross-entropy between integer labels and predicted logits or probabilities. */
  public static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
    return new Loss() {
      @Override
      public String name() {
        return "sparse_categorical_crossentropy";
      }

      @Override
      public boolean sparseLabels() {
        return true;
      }

      @Override
      public Operand<TFloat32> perExample(Ops tf, Operand<?> yTrue, Operand<TFloat32> yPred) {
        return crossEntropy(tf, oneHot(tf, yTrue, yPred), yPred, fromLogits);
      }
    };
  }

  /** Cross-entropy between one-hot labels and predicted logits or probabilities. */
  public static Loss categoricalCrossentropy(boolean fromLogits) {
    return new Loss() {
      @Override
      public String name() {
        return "categorical_crossentropy";
      }

      @Override
      public boolean sparseLabels() {
        return false;
      }

      @Override
      @SuppressWarnings("unchecked")
      public Operand<TFloat32> perExample(Ops tf, Operand<?> yTrue, Operand<TFloat32> yPred) {
        return crossEntropy(tf, (Operand<TFloat32>) yTrue, yPred, fromLogits);
      }
    };
  }

  /** Mean over the last axis of the squared error. */
  public static Loss meanSquaredError() {
    return new Loss() {
      @Override
      public String name() {
        return "mean_squared_error";
      }

      @Override
      public boolean sparseLabels() {
        return false;
      }

      @Override
      @SuppressWarnings("unchecked")
      public Operand<TFloat32> perExample(Ops tf, Operand<?> yTrue, Operand<TFloat32> yPred) {
        return tf.math.mean(
            tf.math.squaredDifference(yPred, (Operand<TFloat32>) yTrue), tf.constant(-1));
      }
    };
  }

  /** Integer class ids as one-hot rows as wide as the predictions. */
  static Operand<TFloat32> oneHot(Ops tf, Operand<?> labels, Operand<TFloat32> yPred) {
    @SuppressWarnings("unchecked")
    Operand<TInt64> ids = (Operand<TInt64>) labels;
    Operand<TInt64> flat = tf.reshape(ids, tf.constant(new long[] {-1}));
    Operand<org.tensorflow.types.TInt32> depth =
        tf.squeeze(tf.slice(tf.shape(yPred), tf.constant(new int[] {1}), tf.constant(new int[] {1})));
    return tf.oneHot(flat, depth, tf.constant(1f), tf.constant(0f));
  }

  private static Operand<TFloat32> crossEntropy(
      Ops tf, Operand<TFloat32> target, Operand<TFloat32> yPred, boolean fromLogits) {
    Operand<TFloat32> logits = fromLogits ? yPred : softmaxInput(yPred);
    if (logits != null) {
      return tf.nn.softmaxCrossEntropyWithLogits(logits, target).loss();
    }
    Operand<TFloat32> p = tf.clipByValue(yPred, tf.constant(1e-7f), tf.constant(1f - 1e-7f));
    return tf.math.neg(tf.reduceSum(tf.math.mul(target, tf.math.log(p)), tf.constant(-1)));
  }

  /** The logits behind a softmax output (as Keras uses them), or null. */
  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> softmaxInput(Operand<TFloat32> yPred) {
    if (yPred.op() instanceof GraphOperation op && op.type().equals("Softmax")) {
      return (Operand<TFloat32>) op.input(0);
    }
    return null;
  }
}
