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

  /** Runs {@code output} on every batch and stacks the results. */
  public static FeatureArray predict(
      Session session, Feed input, Operand<TFloat32> output, Dataset data) {
    requireBatched(data);
    List<FeatureArray> parts = new ArrayList<>();
    for (Features batch : data) {
      try (Tensor x = input.tensorFrom(batch);
          Result r = session.runner().feed(input.placeholder(), x).fetch(output).run()) {
        parts.add(FeatureArray.fromTensor(r.get(0)));
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("predict got an empty dataset");
    }
    return FeatureArray.concat(parts);
  }

  private static Map<String, Double> runPass(Session session, TrainingGraph graph, Op target,
      Operand<TFloat32> statsOp, Dataset data, int verbose) {
    List<String> names = graph.metricNames();
    double[] sums = new double[names.size()];
    double count = 0;
    long steps = 0;
    ProgressBar bar = verbose == 1 ? ProgressBar.forStdout(data.cardinality()) : null;
    for (Features batch : data) {
      float[] stats = runBatch(session, graph.feeds(), batch, target, statsOp);
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
      Session.Runner runner = session.runner();
      for (Feed feed : feeds) {
        Tensor t = feed.tensorFrom(batch);
        tensors.add(t);
        runner.feed(feed.placeholder(), t);
      }
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
