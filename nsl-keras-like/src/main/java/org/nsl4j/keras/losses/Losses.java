package org.nsl4j.keras.losses;

import java.util.List;
import java.util.Locale;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
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
    return new Named("sparse_categorical_crossentropy", true,
        (tf, y, p) -> crossEntropy(tf, oneHot(tf, y, p), p, fromLogits));
  }

  /** Cross-entropy between one-hot labels and predicted logits or probabilities. */
  public static Loss categoricalCrossentropy(boolean fromLogits) {
    return new Named("categorical_crossentropy", false,
        (tf, y, p) -> crossEntropy(tf, floats(y), p, fromLogits));
  }

  /** Mean over the last axis of the squared error. */
  public static Loss meanSquaredError() {
    return new Named("mean_squared_error", false,
        (tf, y, p) -> tf.math.mean(tf.math.squaredDifference(p, floats(y)), tf.constant(-1)));
  }

  /** Per-example values of a loss or metric. */
  @FunctionalInterface
  interface PerExample {
    Operand<TFloat32> apply(Ops tf, Operand<?> yTrue, Operand<TFloat32> yPred);
  }

  /**
   * A loss given by its name, label kind and per-example function; float targets get the rank
   * of the predictions first ({@link #matchRank}).
   */
  private record Named(String name, boolean sparseLabels, PerExample fn) implements Loss {
    @Override
    public Operand<TFloat32> perExample(Ops tf, Operand<?> yTrue, Operand<TFloat32> yPred) {
      return fn.apply(tf, sparseLabels ? yTrue : matchRank(tf, floats(yTrue), yPred), yPred);
    }
  }

  /**
   * {@code yTrue} with a trailing axis of size 1 when it has one dimension fewer than {@code
   * yPred}, as Keras does before computing a loss ({@code [N]} targets of {@code [N, 1]}
   * predictions become {@code [N, 1]} instead of broadcasting to {@code [N, N]}). The targets'
   * rank is read at run time when the graph does not know it (label placeholders take any shape).
   */
  public static Operand<TFloat32> matchRank(
      Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    int predRank = yPred.shape().numDimensions();
    if (predRank < 1) {
      return yTrue;
    }
    int trueRank = yTrue.shape().numDimensions();
    if (trueRank >= 0) {
      return trueRank == predRank - 1 ? tf.expandDims(yTrue, tf.constant(-1)) : yTrue;
    }
    Operand<TInt32> oneFewer = tf.dtypes.cast(
        tf.math.equal(tf.rank(yTrue), tf.constant(predRank - 1)), TInt32.class);
    Operand<TInt32> trailing = tf.fill(tf.reshape(oneFewer, tf.constant(new int[] {1})),
        tf.constant(1));
    return tf.reshape(yTrue, tf.concat(List.of(tf.shape(yTrue), trailing), tf.constant(0)));
  }

  @SuppressWarnings("unchecked")
  static Operand<TFloat32> floats(Operand<?> labels) {
    return (Operand<TFloat32>) labels;
  }

  /** Integer class ids as one-hot rows as wide as the predictions. */
  static Operand<TFloat32> oneHot(Ops tf, Operand<?> labels, Operand<TFloat32> yPred) {
    @SuppressWarnings("unchecked")
    Operand<TInt64> ids = (Operand<TInt64>) labels;
    Operand<TInt64> flat = tf.reshape(ids, tf.constant(new long[] {-1}));
    Operand<TInt32> depth =
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
