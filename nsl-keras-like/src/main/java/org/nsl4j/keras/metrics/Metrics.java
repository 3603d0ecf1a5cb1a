package org.nsl4j.keras.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.losses.Losses;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Keras metrics by name; {@code "accuracy"} resolves against the loss, as Keras does. */
public final class Metrics {

  private Metrics() {}

  /**
   * The metric called {@code name}. {@code "accuracy"} and {@code "acc"} become {@code
   * sparse_categorical_accuracy} after a sparse loss and {@code categorical_accuracy} otherwise.
   */
  public static Metric get(String name, Loss loss) {
    String key = name.toLowerCase(Locale.ROOT);
    if (key.equals("accuracy") || key.equals("acc")) {
      key = loss.sparseLabels() ? "sparse_categorical_accuracy" : "categorical_accuracy";
    }
    return switch (key) {
      case "sparse_categorical_accuracy" -> sparseCategoricalAccuracy();
      case "categorical_accuracy" -> categoricalAccuracy();
      case "mean_squared_error", "mse" -> {
        if (loss.sparseLabels()) {
          throw new IllegalArgumentException(
              "metric '" + name + "' needs float targets, but loss " + loss.name()
                  + " takes integer class ids");
        }
        yield of(Losses.meanSquaredError());
      }
      default -> throw new IllegalArgumentException(
          "unknown metric '" + name + "' (expected accuracy, acc, sparse_categorical_accuracy,"
              + " categorical_accuracy or mean_squared_error)");
    };
  }

  /** The metrics called {@code names}, resolved against {@code loss}, in order. */
  public static List<Metric> resolve(Loss loss, String... names) {
    List<Metric> metrics = new ArrayList<>();
    for (String name : names) {
      metrics.add(get(name, loss));
    }
    return metrics;
  }

  /** Fraction of examples whose arg-max prediction equals the integer label. */
  public static Metric sparseCategoricalAccuracy() {
    return new Named("sparse_categorical_accuracy", (tf, y, p) -> matches(tf,
        tf.reshape(longs(y), tf.constant(new long[] {-1})), p));
  }

  /** Fraction of examples whose arg-max prediction equals the arg-max of the one-hot label. */
  public static Metric categoricalAccuracy() {
    return new Named("categorical_accuracy",
        (tf, y, p) -> matches(tf, tf.math.argMax(floats(y), tf.constant(-1)), p));
  }

  /** A loss reported as a metric under the loss's name. */
  public static Metric of(Loss loss) {
    return new Named(loss.name(), loss::perExample);
  }

  /** A metric given by its name and per-example function. */
  private record Named(String name, PerExample fn) implements Metric {
    @Override
    public Operand<TFloat32> perExample(Ops tf, Operand<?> yTrue, Operand<TFloat32> yPred) {
      return fn.apply(tf, yTrue, yPred);
    }
  }

  /** Per-example values of a metric. */
  @FunctionalInterface
  private interface PerExample {
    Operand<TFloat32> apply(Ops tf, Operand<?> yTrue, Operand<TFloat32> yPred);
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Operand<?> labels) {
    return (Operand<TFloat32>) labels;
  }

  @SuppressWarnings("unchecked")
  private static Operand<TInt64> longs(Operand<?> labels) {
    return (Operand<TInt64>) labels;
  }

  private static Operand<TFloat32> matches(
      Ops tf, Operand<TInt64> labels, Operand<TFloat32> yPred) {
    Operand<TInt64> predicted = tf.math.argMax(yPred, tf.constant(-1));
    return tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class);
  }
}
