package org.nsl4j.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.FitOptions;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Features;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times training steps of the tutorial model built with the Keras-like API against the same
 * network written directly with TensorFlow Java ops, in one run, interleaving rounds so both see
 * the same machine load; and the adversarially regularized step (FGSM) against the base step.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time training steps of the tutorial CNN: Keras-like API vs a hand-written"
        + " TensorFlow Java graph, and adversarially regularized (FGSM) vs base.")
final class BenchCommand implements Callable<Integer> {

  @Mixin HParams h = new HParams();

  @Option(names = "--steps", description = "Steps per timed round (default: ${DEFAULT-VALUE}).")
  int steps = 50;

  @Option(names = "--rounds", description = "Timed rounds of each kind (default: ${DEFAULT-VALUE}).")
  int rounds = 11;

  @Option(names = "--warmup", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
  int warmup = 20;

  @Override
  public Integer call() throws Exception {
    h.validate();
    if (steps < 1 || rounds < 1 || warmup < 0) {
      throw new IllegalArgumentException("--steps and --rounds must be positive, --warmup >= 0");
    }
    int batch = h.batchSize();
    long[] shape = h.inputShape();
    int rowSize = (int) (shape[0] * shape[1] * shape[2]);
    int n = batch * steps;
    Random random = new Random(h.seed());
    float[] images = new float[n * rowSize];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat();
    }
    long[] labels = random.longs(n, 0, h.numClasses()).toArray();
    FeatureArray x = FeatureArray.ofFloats(images, n, shape[0], shape[1], shape[2]);
    FeatureArray y = FeatureArray.ofLongs(labels, n);
    Dataset data = Dataset.fromTensorSlices(x, y).batch(batch);
    System.out.printf(Locale.ROOT,
        "bench: tutorial CNN, batch %d, %d rounds of %d steps each, %d CPU cores%n", batch,
        rounds, steps, Runtime.getRuntime().availableProcessors());

    Dataset dicts = Dataset.fromTensorSlices(
        Features.of(HParams.IMAGE_KEY, x, HParams.LABEL_KEY, y)).batch(batch);
    double[] keras = new double[rounds];
    double[] raw = new double[rounds];
    double[] adv = new double[rounds];
    try (Model model = BaseModel.build(h); RawTfCnn rawModel = new RawTfCnn(h);
        Model advBase = BaseModel.build(h)) {
      Experiments.compileBase(model, h.training());
      AdversarialRegularization advModel = Experiments.adversarial(advBase, h.training());
      FitOptions once = FitOptions.epochs(1).verbose(0);
      int w = Math.max(1, warmup);
      model.fit(data.take(w), once);
      rawSteps(rawModel, x, y, batch, w);
      advModel.fit(dicts.take(w), once);
      for (int r = 0; r < rounds; r++) {
        keras[r] = msPerStep(() -> model.fit(data, once), steps);
        raw[r] = msPerStep(() -> rawSteps(rawModel, x, y, batch, steps), steps);
        adv[r] = msPerStep(() -> advModel.fit(dicts, once), steps);
      }
    }
    double k = median(keras);
    double rw = median(raw);
    double a = median(adv);
    System.out.printf(Locale.ROOT, "keras_like_ms_per_step: %.3f%n", k);
    System.out.printf(Locale.ROOT, "raw_tf_ms_per_step: %.3f%n", rw);
    System.out.printf(Locale.ROOT, "keras_to_raw_ratio: %.3f%n", k / rw);
    System.out.printf(Locale.ROOT, "adv_ms_per_step: %.3f%n", a);
    System.out.printf(Locale.ROOT, "adv_to_base_ratio: %.3f%n", a / k);
    return 0;
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

}
