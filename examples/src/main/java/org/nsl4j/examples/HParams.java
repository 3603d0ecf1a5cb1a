package org.nsl4j.examples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.core.configs.NormType;
import picocli.CommandLine.Option;

/**
 * The tutorial's hyperparameters, each a command-line flag (also loadable from a JSON or
 * properties file with {@code --config}); defaults are the NSL tutorial's.
 */
public final class HParams {

  /** Feature key of the images. */
  public static final String IMAGE_KEY = "image";
  /** Feature key of the labels. */
  public static final String LABEL_KEY = "label";

  @Option(names = "--input-shape", split = ",", paramLabel = "H,W,C",
      description = "Image shape (default: ${DEFAULT-VALUE}).")
  long[] inputShape = {28, 28, 1};

  @Option(names = "--num-classes", description = "Number of classes (default: ${DEFAULT-VALUE}).")
  int numClasses = 10;

  @Option(names = "--conv-filters", split = ",",
      description = "Filters of each convolution (default: 32,64,64).")
  int[] convFilters = {32, 64, 64};

  @Option(names = "--kernel-size", description = "Convolution kernel size (default: ${DEFAULT-VALUE}).")
  int kernelSize = 3;

  @Option(names = "--pool-size", description = "Max-pooling size (default: ${DEFAULT-VALUE}).")
  int poolSize = 2;

  @Option(names = "--dense-units", split = ",",
      description = "Units of each hidden dense layer (default: 64).")
  int[] denseUnits = {64};

  @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize = 32;

  @Option(names = "--epochs", description = "Training epochs (default: ${DEFAULT-VALUE}).")
  int epochs = 5;

  @Option(names = "--learning-rate", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate = 0.001f;

  @Option(names = "--adv-multiplier",
      description = "Weight of the adversarial loss (default: ${DEFAULT-VALUE}).")
  float advMultiplier = 0.2f;

  @Option(names = "--adv-step-size",
      description = "Adversarial perturbation step size (default: ${DEFAULT-VALUE}).")
  float advStepSize = 0.2f;

  @Option(names = "--adv-grad-norm",
      description = "Perturbation norm: infinity, l2 or l1 (default: ${DEFAULT-VALUE}).")
  String advGradNorm = "infinity";

  @Option(names = "--pgd-iterations",
      description = "PGD iterations of the training attack (default: ${DEFAULT-VALUE}).")
  int pgdIterations = 1;

  @Option(names = "--pgd-epsilon",
      description = "PGD epsilon-ball radius (required when --pgd-iterations > 1).")
  Float pgdEpsilon;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  public long[] inputShape() {
    return inputShape.clone();
  }

  public int numClasses() {
    return numClasses;
  }

  public int[] convFilters() {
    return convFilters.clone();
  }

  public int kernelSize() {
    return kernelSize;
  }

  public int poolSize() {
    return poolSize;
  }

  public int[] denseUnits() {
    return denseUnits.clone();
  }

  public int batchSize() {
    return batchSize;
  }

  public int epochs() {
    return epochs;
  }

  public float learningRate() {
    return learningRate;
  }

  public float advMultiplier() {
    return advMultiplier;
  }

  public float advStepSize() {
    return advStepSize;
  }

  public NormType advGradNorm() {
    return NormType.parse(advGradNorm);
  }

  public int pgdIterations() {
    return pgdIterations;
  }

  public Float pgdEpsilon() {
    return pgdEpsilon;
  }

  public long seed() {
    return seed;
  }

  /** Checks every value; the message names the flag and the value. */
  public void validate() {
    if (inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException(
          "--input-shape must be three positive sizes H,W,C, got " + Arrays.toString(inputShape));
    }
    positive("--num-classes", numClasses);
    if (numClasses < 2) {
      throw new IllegalArgumentException("--num-classes must be at least 2, got " + numClasses);
    }
    if (convFilters.length == 0) {
      throw new IllegalArgumentException("--conv-filters needs at least one convolution");
    }
    Arrays.stream(convFilters).forEach(f -> positive("--conv-filters", f));
    Arrays.stream(denseUnits).forEach(u -> positive("--dense-units", u));
    positive("--kernel-size", kernelSize);
    positive("--pool-size", poolSize);
    positive("--batch-size", batchSize);
    if (epochs < 0) {
      throw new IllegalArgumentException("--epochs must be >= 0, got " + epochs);
    }
    finitePositive("--learning-rate", learningRate);
    if (!(advMultiplier >= 0f && Float.isFinite(advMultiplier))) {
      throw new IllegalArgumentException(
          "--adv-multiplier must be finite and >= 0, got " + advMultiplier);
    }
    finitePositive("--adv-step-size", advStepSize);
    advGradNorm();
    positive("--pgd-iterations", pgdIterations);
    if (pgdEpsilon != null) {
      finitePositive("--pgd-epsilon", pgdEpsilon);
    }
    long size = inputShape[0];
    for (int i = 0; i < convFilters.length; i++) {
      size -= kernelSize - 1;
      if (size < 1) {
        throw new IllegalArgumentException("--input-shape " + Arrays.toString(inputShape)
            + " is too small for " + convFilters.length + " convolutions of size " + kernelSize);
      }
      if (i < convFilters.length - 1) {
        size /= poolSize;
      }
    }
  }

  /** The values as a JSON-ready map (for reports). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input_shape", inputShape);
    m.put("num_classes", numClasses);
    m.put("conv_filters", convFilters);
    m.put("kernel_size", kernelSize);
    m.put("pool_size", poolSize);
    m.put("dense_units", denseUnits);
    m.put("batch_size", batchSize);
    m.put("epochs", epochs);
    m.put("learning_rate", learningRate);
    m.put("adv_multiplier", advMultiplier);
    m.put("adv_step_size", advStepSize);
    m.put("adv_grad_norm", advGradNorm().name().toLowerCase(java.util.Locale.ROOT));
    m.put("pgd_iterations", pgdIterations);
    m.put("pgd_epsilon", pgdEpsilon);
    m.put("seed", seed);
    return m;
  }

  private static void positive(String flag, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + " must be positive, got " + value);
    }
  }

  private static void finitePositive(String flag, float value) {
    if (!(value > 0f && Float.isFinite(value))) {
      throw new IllegalArgumentException(flag + " must be finite and positive, got " + value);
    }
  }
}
