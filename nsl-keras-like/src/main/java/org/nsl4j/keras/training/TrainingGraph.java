package org.nsl4j.keras.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nsl4j.keras.data.Features;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The compiled ops a training loop runs: its feeds, the training step, and per-batch statistic
 * vectors {@code [batchSize, mean_0, mean_1, ...]} for training and for evaluation, whose means
 * are named by {@code metricNames} in Keras order ({@code loss} first; a repeated name gets a
 * {@code _2}, {@code _3}... suffix). {@code batchCheck} validates each batch before it is fed
 * (e.g. that it holds no feature the model would ignore).
 */
public record TrainingGraph(
    List<Feed> feeds,
    Op trainOp,
    Operand<TFloat32> trainStats,
    Operand<TFloat32> evalStats,
    List<String> metricNames,
    Consumer<Features> batchCheck) {

  /** Copies the lists and makes the metric names unique. */
  public TrainingGraph {
    feeds = List.copyOf(feeds);
    metricNames = uniqueNames(metricNames);
  }

  /** A graph whose batches need no check beyond their feeds'. */
  public TrainingGraph(List<Feed> feeds, Op trainOp, Operand<TFloat32> trainStats,
      Operand<TFloat32> evalStats, List<String> metricNames) {
    this(feeds, trainOp, trainStats, evalStats, metricNames, batch -> { });
  }

  /** The statistics vector {@code [batchSize, means...]} of one batch. */
  public static Operand<TFloat32> stats(
      Ops tf, Operand<TFloat32> batchSize, List<Operand<TFloat32>> batchMeans) {
    List<Operand<TFloat32>> all = new ArrayList<>();
    all.add(batchSize);
    all.addAll(batchMeans);
    return tf.stack(all);
  }

  /** The mean of a per-example vector. */
  public static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> perExample) {
    return tf.math.mean(perExample, tf.constant(0));
  }

  /** The sum of {@code terms} (e.g. weight penalties), or null when there are none. */
  public static Operand<TFloat32> sum(Ops tf, List<Operand<TFloat32>> terms) {
    return terms.isEmpty() ? null : terms.size() == 1 ? terms.get(0) : tf.math.addN(terms);
  }

  /** {@code a + b}, or {@code a} when {@code b} is null. */
  public static Operand<TFloat32> plus(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return b == null ? a : tf.math.add(a, b);
  }

  /** The number of rows of {@code batch}, as float32. */
  public static Operand<TFloat32> batchSize(Ops tf, Operand<?> batch) {
    return tf.dtypes.cast(
        tf.squeeze(tf.slice(tf.shape(batch), tf.constant(new int[] {0}), tf.constant(new int[] {1}))),
        TFloat32.class);
  }

  /** {@code a, b, a} → {@code a, b, a_2}, as NSL names repeated metrics. */
  private static List<String> uniqueNames(List<String> names) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> unique = new ArrayList<>();
    for (String name : names) {
      int n = seen.merge(name, 1, Integer::sum);
      unique.add(n == 1 ? name : name + "_" + n);
    }
    return List.copyOf(unique);
  }
}
