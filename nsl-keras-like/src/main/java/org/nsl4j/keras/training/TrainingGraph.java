package org.nsl4j.keras.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The compiled ops a training loop runs: its feeds, the training step, and per-batch statistic
 * vectors {@code [batchSize, mean_0, mean_1, ...]} for training and for evaluation, whose means
 * are named by {@code metricNames} in Keras order ({@code loss} first).
 */
public record TrainingGraph(
    List<Feed> feeds,
    Op trainOp,
    Operand<TFloat32> trainStats,
    Operand<TFloat32> evalStats,
    List<String> metricNames) {

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

  /** The number of rows of {@code batch}, as float32. */
  public static Operand<TFloat32> batchSize(Ops tf, Operand<?> batch) {
    return tf.dtypes.cast(
        tf.squeeze(tf.slice(tf.shape(batch), tf.constant(new int[] {0}), tf.constant(new int[] {1}))),
        TFloat32.class);
  }
}
