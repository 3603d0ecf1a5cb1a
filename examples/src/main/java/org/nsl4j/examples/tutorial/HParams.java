package org.nsl4j.examples.tutorial;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.core.configs.NormType;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The tutorial's hyperparameters, each a command-line flag (also loadable from a JSON or
 * properties file with {@code --config}): the base model's architecture and the {@link
 * TrainingParams}; defaults are the NSL tutorial's.
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

  @Mixin TrainingParams training = new TrainingParams();

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
    return training.batchSize();
  }

  public int epochs() {
    return training.epochs();
  }

  public float learningRate() {
    return training.learningRate();
  }

  public float advMultiplier() {
    return training.advMultiplier();
  }

  public float advStepSize() {
    return training.advStepSize();
  }

  public NormType advGradNorm() {
    return training.advGradNorm();
  }

  public int pgdIterations() {
    return training.pgdIterations();
  }

  public Float pgdEpsilon() {
    return training.pgdEpsilon();
  }

  public long seed() {
    return training.seed();
  }

  /** The training flags alone. */
  public TrainingParams training() {
    return training;
  }

  /** Checks every value; the message names the flag and the value. */
  public void validate() {
    if (inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException(
          "--input-shape must be three positive sizes H,W,C, got " + Arrays.toString(inputShape));
    }
    TrainingParams.positive("--num-classes", numClasses);
    if (numClasses < 2) {
      throw new IllegalArgumentException("--num-classes must be at least 2, got " + numClasses);
    }
    if (convFilters.length == 0) {
      throw new IllegalArgumentException("--conv-filters needs at least one convolution");
    }
    Arrays.stream(convFilters).forEach(f -> TrainingParams.positive("--conv-filters", f));
    Arrays.stream(denseUnits).forEach(u -> TrainingParams.positive("--dense-units", u));
    TrainingParams.positive("--kernel-size", kernelSize);
    TrainingParams.positive("--pool-size", poolSize);
    training.validate();
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
    m.putAll(training.toMap());
    return m;
  }
}
