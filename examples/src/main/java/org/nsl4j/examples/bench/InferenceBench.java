package org.nsl4j.examples.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SignatureInfo;
import org.nsl4j.savedmodel.TensorSpec;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;

/**
 * {@code bench --inference}: images per second and p50/p99 latency of one {@link LoadedModel}
 * called through its default signature at several batch sizes, from one and from several threads
 * sharing it, against a bare {@code Session.run} of the same graph, interleaved in rounds.
 */
final class InferenceBench {

  static final int[] BATCH_SIZES = {1, 32, 256};
  static final int[] THREADS = {1, 4};

  /** One way of running a batch: the loaded model's predict, or a bare session run. */
  private interface Caller {
    void call(FeatureArray batch, Tensor tensor);
  }

  private final LoadedModel model;
  private final long[] exampleShape;
  private final Output<?> input;
  private final Output<?> output;

  InferenceBench(LoadedModel model) {
    this.model = model;
    SignatureInfo s = model.defaultSignature();
    if (s.inputs().size() != 1 || s.outputs().size() != 1) {
      throw new IllegalArgumentException("--model: signature '" + s.key() + "' has inputs "
          + s.inputs().keySet() + " and outputs " + s.outputs().keySet()
          + "; bench --inference needs one float32 input and one output");
    }
    TensorSpec in = s.inputs().values().iterator().next();
    if (in.dtype() != DataType.DT_FLOAT || in.shape().isUnknown()) {
      throw new IllegalArgumentException("--model: input '" + in.key() + "' is "
          + in.describe() + "; bench --inference needs a float32 input of known rank");
    }
    long[] dims = in.shape().asArray();
    exampleShape = Arrays.copyOfRange(dims, 1, dims.length);
    for (long d : exampleShape) {
      if (d < 1) {
        throw new IllegalArgumentException("--model: input '" + in.key() + "' is "
            + in.describe() + "; bench --inference needs known example sizes");
      }
    }
    input = model.bundle().graph().outputOrThrow(in.tensorName());
    output = model.bundle().graph()
        .outputOrThrow(s.outputs().values().iterator().next().tensorName());
  }

  /** Runs every batch size and thread count for {@code rounds} windows of {@code seconds}. */
  void run(int rounds, double seconds, PrintStream out) throws Exception {
    Caller loaded = (batch, tensor) -> model.predict(batch);
    Session session = model.bundle().session();
    Caller bare = (batch, tensor) -> {
      try (Result r = session.runner().feed(input, tensor).fetch(output).run()) {
        r.get(0);
      }
    };
    for (int batch : BATCH_SIZES) {
      double[] rates = new double[THREADS.length];
      for (int i = 0; i < THREADS.length; i++) {
        List<LatencyStats> ours = new ArrayList<>();
        List<LatencyStats> base = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          ours.add(window(loaded, batch, THREADS[i], seconds / rounds));
          base.add(window(bare, batch, THREADS[i], seconds / rounds));
        }
        rates[i] = print(out, batch, THREADS[i], "loaded_model", ours);
        print(out, batch, THREADS[i], "session_run", base);
      }
      out.printf(Locale.ROOT, "inference_batch_%d_threads_%d_to_%d_ratio: %.2f%n", batch,
          THREADS[THREADS.length - 1], THREADS[0], rates[THREADS.length - 1] / rates[0]);
    }
  }

  /** Prints medians over the rounds (p99: the worst round's); returns the images/s. */
  private static double print(PrintStream out, int batch, int threads, String what,
      List<LatencyStats> rounds) {
    double rate = BenchCommand.median(
        rounds.stream().mapToDouble(LatencyStats::examplesPerSecond).toArray());
    out.printf(Locale.ROOT, "inference_%s_batch_%d_threads_%d: %.0f images/s, p50 %.3f ms,"
            + " p99 %.3f ms (%d calls)%n", what, batch, threads, rate,
        BenchCommand.median(rounds.stream().mapToDouble(LatencyStats::p50Ms).toArray()),
        rounds.stream().mapToDouble(LatencyStats::p99Ms).max().orElse(0),
        rounds.stream().mapToInt(LatencyStats::calls).sum());
    return rate;
  }

  /** {@code threads} threads calling {@code caller} on their own batch until the window ends. */
  private LatencyStats window(Caller caller, int batch, int threads, double seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        FeatureArray x = randomBatch(batch, t);
        parts.add(pool.submit(() -> {
          try (Tensor tensor = x.toTensor()) {
            return timedCalls(caller, x, tensor, end);
          }
        }));
      }
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> f : parts) {
        all.add(f.get());
      }
      long wall = System.nanoTime() - start;
      return LatencyStats.of(all.stream().flatMapToLong(Arrays::stream).toArray(), batch, wall);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] timedCalls(Caller caller, FeatureArray x, Tensor tensor, long end) {
    long[] nanos = new long[1024];
    int n = 0;
    do {
      long t0 = System.nanoTime();
      caller.call(x, tensor);
      if (n == nanos.length) {
        nanos = Arrays.copyOf(nanos, n * 2);
      }
      nanos[n++] = System.nanoTime() - t0;
    } while (System.nanoTime() < end);
    return Arrays.copyOf(nanos, n);
  }

  private FeatureArray randomBatch(int batch, long seed) {
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = batch;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    float[] v = new float[size];
    Random random = new Random(seed);
    for (int i = 0; i < size; i++) {
      v[i] = random.nextFloat();
    }
    return FeatureArray.ofFloats(v, shape);
  }
}
