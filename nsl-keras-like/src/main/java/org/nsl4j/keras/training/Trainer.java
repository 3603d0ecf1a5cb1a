package org.nsl4j.keras.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.callbacks.Callback;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.callbacks.ProgressBar;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/** The loops behind {@code fit}, {@code evaluate} and {@code predict} of a compiled graph. */
public final class Trainer {

  private Trainer() {}

  /** Trains for the epochs in {@code options}, printing Keras progress lines per verbosity. */
  public static History fit(
      Session session, TrainingGraph graph, Dataset data, FitOptions options) {
    requireBatched(data);
    if (options.validationData() != null) {
      requireBatched(options.validationData());
    }
    History history = new History();
    for (int epoch = options.initialEpoch(); epoch < options.epochs(); epoch++) {
      if (options.verbose() > 0) {
        System.out.println("Epoch " + (epoch + 1) + "/" + options.epochs());
      }
      Map<String, Double> logs =
          runPass(session, graph, graph.trainOp(), graph.trainStats(), data, options.verbose());
      if (options.validationData() != null) {
        evaluate(session, graph, options.validationData(), 0)
            .forEach((k, v) -> logs.put("val_" + k, v));
      }
      for (double v : logs.values()) {
        if (!Double.isFinite(v)) {
          throw new ArithmeticException(
              "training diverged in epoch " + (epoch + 1) + ": " + logs
                  + " (lower the learning rate or check the data)");
        }
      }
      history.record(epoch, logs);
      for (Callback c : options.callbacks()) {
        c.onEpochEnd(epoch, logs);
      }
    }
    return history;
  }

  /** Evaluates over one pass of {@code data}: metric name → mean, in Keras order. */
  public static Map<String, Double> evaluate(
      Session session, TrainingGraph graph, Dataset data, int verbose) {
    requireBatched(data);
    return runPass(session, graph, null, graph.evalStats(), data, verbose);
  }

  /** Runs {@code outputs} on every batch and stacks each one's results. */
  public static List<FeatureArray> predict(
      Session session, List<Feed> inputs, List<Operand<TFloat32>> outputs, Dataset data) {
    requireBatched(data);
    List<List<FeatureArray>> parts = new ArrayList<>();
    outputs.forEach(o -> parts.add(new ArrayList<>()));
    for (Features batch : data) {
      List<Tensor> tensors = new ArrayList<>();
      try {
        Session.Runner runner = feed(session, inputs, batch, tensors);
        outputs.forEach(runner::fetch);
        try (Result r = runner.run()) {
          for (int i = 0; i < outputs.size(); i++) {
            parts.get(i).add(FeatureArray.fromTensor(r.get(i)));
          }
        }
      } finally {
        tensors.forEach(Tensor::close);
      }
    }
    if (parts.get(0).isEmpty()) {
      throw new IllegalArgumentException("predict got an empty dataset");
    }
    return parts.stream().map(FeatureArray::concat).toList();
  }


  private static Map<String, Double> runPass(Session session, TrainingGraph graph, Op target,
      Operand<TFloat32> statsOp, Dataset data, int verbose) {
    List<String> names = graph.metricNames();
    double[] sums = new double[names.size()];
    double count = 0;
    long steps = 0;
    ProgressBar bar = verbose == 1 ? ProgressBar.forStdout(data.cardinality()) : null;
    for (Features batch : data) {
      float[] stats;
      try {
        stats = runBatch(session, graph.feeds(), batch, target, statsOp);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("batch " + (steps + 1) + ": " + e.getMessage(), e);
      }
      count += stats[0];
      for (int i = 0; i < sums.length; i++) {
        sums[i] += stats[i + 1] * (double) stats[0];
      }
      steps++;
      if (bar != null) {
        bar.update(steps, means(names, sums, count));
      }
    }
    if (steps == 0) {
      throw new IllegalArgumentException("the dataset has no batches");
    }
    Map<String, Double> logs = means(names, sums, count);
    if (verbose > 0) {
      (bar != null ? bar : ProgressBar.forStdout(steps)).finish(steps, logs);
    }
    return logs;
  }

  private static float[] runBatch(Session session, List<Feed> feeds, Features batch, Op target,
      Operand<TFloat32> statsOp) {
    List<Tensor> tensors = new ArrayList<>(feeds.size());
    try {
      Session.Runner runner = feed(session, feeds, batch, tensors);
      if (target != null) {
        runner.addTarget(target);
      }
      try (Result r = runner.fetch(statsOp).run()) {
        TFloat32 stats = (TFloat32) r.get(0);
        float[] values = new float[(int) stats.shape().size()];
        stats.copyTo(DataBuffers.of(values, false, false));
        return values;
      }
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  /**
   * A runner of {@code session} with every feed's tensor from {@code batch}; the tensors are added
   * to {@code opened}, which the caller closes.
   */
  public static Session.Runner feed(
      Session session, List<Feed> feeds, Features batch, List<Tensor> opened) {
    Session.Runner runner = session.runner();
    for (Feed f : feeds) {
      Tensor t = f.tensorFrom(batch);
      opened.add(t);
      runner.feed(f.placeholder(), t);
    }
    return runner;
  }

  private static Map<String, Double> means(List<String> names, double[] sums, double count) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), count > 0 ? sums[i] / count : Double.NaN);
    }
    return m;
  }

  private static void requireBatched(Dataset data) {
    if (!data.isBatched()) {
      throw new IllegalArgumentException(
          "the dataset is not batched: call dataset.batch(n) first, as with tf.data");
    }
  }
}
