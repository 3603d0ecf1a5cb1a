package org.nsl4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nsl4j.examples.cli.ThreadFlags;
import org.nsl4j.examples.tutorial.BaseModel;
import org.nsl4j.examples.tutorial.Experiments;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.config.SessionOptions;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.mixedprecision.Policy;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.profiler.FlopCount;
import org.nsl4j.keras.training.FitOptions;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.ModelExporter;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times training steps of the tutorial model built with the Keras-like API against the same
 * network written directly with TensorFlow Java ops, in one run, interleaving rounds so all see
 * the same machine load; the adversarially regularized step (FGSM) against the base step; both
 * again under {@code mixed_bfloat16} where the CPU has it; and the FLOP rates of the steps
 * against the machine's ceiling measured through TensorFlow in the same rounds. With {@code
 * --inference}: throughput and latency of a loaded SavedModel ({@link InferenceBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Time training steps of the tutorial CNN: Keras-like API vs a hand-written"
        + " TensorFlow Java graph, adversarially regularized (FGSM) vs base, float32 vs"
        + " mixed_bfloat16, and their GFLOP/s against a large MatMul's.",
        "With --inference: images/s and p50/p99 latency of a loaded SavedModel vs a bare"
            + " Session.run."})
public final class BenchCommand implements Callable<Integer> {

  private static final String KERAS = "keras";
  private static final String RAW = "raw";
  private static final String ADV = "adv";
  private static final String BF16 = "bf16_";

  @Mixin HParams h = new HParams();
  @Mixin ThreadFlags threads = new ThreadFlags();

  @Option(names = "--steps", description = "Steps per timed round (default: ${DEFAULT-VALUE}).")
  int steps = 50;

  @Option(names = "--rounds", description = "Timed rounds of each kind (default: ${DEFAULT-VALUE}).")
  int rounds = 11;

  @Option(names = "--warmup", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
  int warmup = 20;

  @Option(names = "--inference",
      description = "Time inference of a loaded SavedModel instead of training steps.")
  boolean inference;

  @Option(names = "--model", paramLabel = "DIR",
      description = "SavedModel for --inference (default: the tutorial CNN, exported here).")
  Path model;

  @Option(names = "--inference-seconds", paramLabel = "S",
      description = "Seconds timed per batch size and thread count with --inference (default:"
          + " ${DEFAULT-VALUE}).")
  double inferenceSeconds = 4;

  @Override
  public Integer call() throws Exception {
    h.validate();
    threads.validate();
    if (steps < 1 || rounds < 1 || warmup < 0) {
      throw new IllegalArgumentException("--steps and --rounds must be positive, --warmup >= 0");
    }
    SessionOptions options = threads.applyTo(SessionOptions.defaults());
    if (inference) {
      if (!(inferenceSeconds > 0)) {
        throw new IllegalArgumentException(
            "--inference-seconds must be positive, got " + inferenceSeconds);
      }
      return inference(options);
    }
    if (model != null) {
      throw new IllegalArgumentException("--model is read only with --inference");
    }
    training(options);
    return 0;
  }

  private int inference(SessionOptions options) throws Exception {
    Path dir = model;
    Path exported = null;
    if (dir == null) {
      exported = Files.createTempDirectory("nsl4j-bench-model");
      dir = exported.resolve("model");
      try (Model cnn = BaseModel.build(h)) {
        ModelExporter.export(cnn, dir);
      }
    }
    System.out.printf(Locale.ROOT, "bench --inference: %s, batch sizes %s, %s threads sharing"
            + " one LoadedModel, %d rounds, %d CPU cores%n",
        model == null ? "the tutorial CNN exported as a SavedModel" : dir,
        Arrays.toString(InferenceBench.BATCH_SIZES), Arrays.toString(InferenceBench.THREADS),
        rounds, Runtime.getRuntime().availableProcessors());
    try (LoadedModel loaded = LoadedModel.load(dir, options)) {
      new InferenceBench(loaded).run(rounds, inferenceSeconds, System.out);
    } finally {
      if (exported != null) {
        deleteTree(exported);
      }
    }
    return 0;
  }

  private void training(SessionOptions options) {
    int batch = h.batchSize();
    long[] shape = h.inputShape();
    int n = batch * steps;
    Random random = new Random(h.seed());
    float[] images = new float[n * (int) (shape[0] * shape[1] * shape[2])];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat();
    }
    FeatureArray x = FeatureArray.ofFloats(images, n, shape[0], shape[1], shape[2]);
    FeatureArray y = FeatureArray.ofLongs(random.longs(n, 0, h.numClasses()).toArray(), n);
    boolean bf16 = Policy.MIXED_BFLOAT16.isSupported();
    System.out.printf(Locale.ROOT,
        "bench: tutorial CNN, batch %d, %d rounds of %d steps each, %d CPU cores%n", batch,
        rounds, steps, Runtime.getRuntime().availableProcessors());
    try (Model base = BaseModel.build(h); RawTfCnn raw = new RawTfCnn(h, options);
        Model advBase = BaseModel.build(h);
        Model bfBase = bf16 ? BaseModel.build(h) : null;
        Model bfAdvBase = bf16 ? BaseModel.build(h) : null;
        MatMulCeiling ceiling = new MatMulCeiling(options, bf16)) {
      Map<String, Runnable> kinds = new LinkedHashMap<>();
      addModels(kinds, "", base, advBase, options, x, y);
      kinds.put(RAW, () -> rawSteps(raw, x, y, batch, steps));
      if (bf16) {
        addModels(kinds, BF16, bfBase, bfAdvBase, options.policy(Policy.MIXED_BFLOAT16), x, y);
      }
      Timings t = time(kinds, ceiling);
      report(t, FlopCount.forward(base), batch);
      if (bf16) {
        System.out.println("bf16_kernels_in_forward_pass: " + BenchKernels.bfloat16(bfBase, x, batch));
      } else {
        System.out.println("mixed_bfloat16: not run, " + missing(Policy.MIXED_BFLOAT16));
      }
    }
  }

  /** The base model's and its adversarial wrapper's fit over the data, under {@code options}. */
  private void addModels(Map<String, Runnable> kinds, String prefix, Model base, Model advBase,
      SessionOptions options, FeatureArray x, FeatureArray y) {
    base.sessionOptions(options);
    advBase.sessionOptions(options);
    Experiments.compileBase(base, h.training());
    AdversarialRegularization adv = Experiments.adversarial(advBase, h.training());
    Dataset tuples = Dataset.fromTensorSlices(x, y).batch(h.batchSize());
    Dataset dicts = Dataset.fromTensorSlices(
        Features.of(HParams.IMAGE_KEY, x, HParams.LABEL_KEY, y)).batch(h.batchSize());
    FitOptions once = FitOptions.epochs(1).verbose(0);
    kinds.put(prefix + KERAS, () -> base.fit(tuples, once));
    kinds.put(prefix + ADV, () -> adv.fit(dicts, once));
  }

  /** ms per step of every kind and the ceilings (GFLOP/s), in interleaved rounds. */
  private record Timings(Map<String, double[]> msPerStep, double[] float32, double[] bfloat16) {

    double median(String kind) {
      return BenchCommand.median(msPerStep.get(kind));
    }

    double best(String kind) {
      return Arrays.stream(msPerStep.get(kind)).min().orElse(Double.NaN);
    }

    /** The median over rounds of {@code a}'s time over {@code b}'s in the same round. */
    double ratio(String a, String b) {
      double[] x = msPerStep.get(a);
      double[] y = msPerStep.get(b);
      double[] r = new double[x.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = x[i] / y[i];
      }
      return BenchCommand.median(r);
    }
  }

  private Timings time(Map<String, Runnable> kinds, MatMulCeiling ceiling) {
    int w = Math.max(1, (warmup + steps - 1) / steps);
    for (int i = 0; i < w; i++) {
      kinds.values().forEach(Runnable::run);
    }
    Map<String, double[]> ms = new LinkedHashMap<>();
    kinds.keySet().forEach(k -> ms.put(k, new double[rounds]));
    double[] float32 = new double[rounds];
    double[] bfloat16 = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Runnable> k : kinds.entrySet()) {
        ms.get(k.getKey())[r] = msPerStep(k.getValue(), steps);
      }
      float32[r] = ceiling.float32Gflops();
      bfloat16[r] = ceiling.hasBfloat16() ? ceiling.bfloat16Gflops() : Double.NaN;
    }
    return new Timings(ms, float32, bfloat16);
  }

  /**
   * Prints medians of each kind's ms per step and same-round ratios; GFLOP/s from the medians,
   * and shares of the ceiling from the best round of each (the ceiling is a best case too).
   */
  private void report(Timings t, FlopCount flops, int batch) {
    line("keras_like_ms_per_step", t.median(KERAS));
    line("raw_tf_ms_per_step", t.median(RAW));
    line("keras_to_raw_ratio", t.ratio(KERAS, RAW));
    line("adv_ms_per_step", t.median(ADV));
    line("adv_to_base_ratio", t.ratio(ADV, KERAS));
    System.out.printf(Locale.ROOT, "forward_mflop_per_example: %.3f (%s MACs: %s)%n",
        flops.flops() / 1e6, grouped(flops.macs()), flops.ops().stream()
            .map(e -> e.name() + " " + grouped(e.macs())).collect(Collectors.joining(", ")));
    double baseMflop = flops.trainingStepFlops() * (double) batch / 1e6;
    double ceiling32 = Arrays.stream(t.float32()).max().orElse(Double.NaN);
    line("base_gflops", baseMflop / t.median(KERAS));
    line("adv_gflops", 2 * baseMflop / t.median(ADV));
    line("ceiling_fp32_gflops", ceiling32);
    line("base_share_of_fp32_ceiling", baseMflop / t.best(KERAS) / ceiling32);
    line("adv_share_of_fp32_ceiling", 2 * baseMflop / t.best(ADV) / ceiling32);
    if (t.msPerStep().containsKey(BF16 + KERAS)) {
      double ceiling16 = Arrays.stream(t.bfloat16()).max().orElse(Double.NaN);
      line("ceiling_bf16_gflops", ceiling16);
      line("bf16_base_ms_per_step", t.median(BF16 + KERAS));
      line("bf16_adv_ms_per_step", t.median(BF16 + ADV));
      line("bf16_base_speedup", t.ratio(KERAS, BF16 + KERAS));
      line("bf16_adv_speedup", t.ratio(ADV, BF16 + ADV));
      line("bf16_base_gflops", baseMflop / t.median(BF16 + KERAS));
      line("bf16_base_share_of_bf16_ceiling", baseMflop / t.best(BF16 + KERAS) / ceiling16);
    }
  }

  private static void line(String name, double value) {
    System.out.printf(Locale.ROOT, "%s: %.3f%n", name, value);
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String missing(Policy policy) {
    try {
      policy.requireSupported();
      return "supported";
    } catch (UnsupportedOperationException e) {
      return e.getMessage();
    }
  }

  /** A plain training loop over the raw graph: copy a batch into tensors, run one step. */
  private static void rawSteps(
      RawTfCnn raw, FeatureArray x, FeatureArray y, int batch, int steps) {
    int rows = x.rows();
    for (int s = 0; s < steps; s++) {
      int from = (s * batch) % Math.max(1, rows - batch + 1);
      try (Tensor images = x.rows(from, from + batch).toTensor();
          Tensor labels = y.rows(from, from + batch).toTensor();
          Result r = raw.session().runner().feed(raw.images, images).feed(raw.labels, labels)
              .addTarget(raw.trainStep).fetch(raw.loss).run()) {
        r.get(0);
      }
    }
  }

  private static double msPerStep(Runnable run, int steps) {
    long t0 = System.nanoTime();
    run.run();
    return (System.nanoTime() - t0) / 1e6 / steps;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
