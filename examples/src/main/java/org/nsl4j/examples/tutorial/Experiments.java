package org.nsl4j.examples.tutorial;

import java.util.List;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.callbacks.TerminateOnNaN;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.optimizers.Adam;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.keras.training.FitOptions;

/** The tutorial's data pipelines and compile settings, shared by the commands. */
public final class Experiments {

  private Experiments() {}

  /** Adam, sparse cross-entropy from logits, accuracy: as the tutorial compiles the base model. */
  public static void compileBase(Model model, TrainingParams t) {
    model.compile(new Adam(t.learningRate()), Losses.sparseCategoricalCrossentropy(true),
        "accuracy");
  }

  /** The tutorial's adversarial wrapper of {@code base}, compiled like the base model. */
  public static AdversarialRegularization adversarial(Model base, TrainingParams t) {
    return adversarial(base, t, Losses.sparseCategoricalCrossentropy(true));
  }

  /**
   * The tutorial's adversarial wrapper of {@code base} with labels under {@code label}, compiled
   * with Adam, {@code loss} and accuracy; {@code loss} also drives its perturbations.
   */
  public static AdversarialRegularization adversarial(Model base, TrainingParams t, Loss loss) {
    return adversarial(base, t, loss, Preprocessing.NONE);
  }

  /**
   * As {@link #adversarial(Model, TrainingParams, Loss)} for a model fed {@code p} of the pixels:
   * step size, PGD radius and clip range, given in pixels in [0, 1], are mapped to its inputs.
   */
  public static AdversarialRegularization adversarial(Model base, TrainingParams t, Loss loss,
      Preprocessing p) {
    float scale = p.scale();
    AdvRegConfig.Builder config = AdvConfigs.makeAdvRegConfig()
        .multiplier(t.advMultiplier())
        .advStepSize(t.advStepSize() * scale)
        .advGradNorm(t.advGradNorm())
        .pgdIterations(t.pgdIterations())
        .pgdEpsilon(t.pgdEpsilon() == null ? null : t.pgdEpsilon() * scale)
        .randomInit(t.randomInit())
        .randomSeed(t.seed());
    if (t.clipsEveryStep()) {
      config.clipValueMin(p.offset()).clipValueMax(scale + p.offset());
    }
    AdversarialRegularization adv = new AdversarialRegularization(
        base, List.of(HParams.LABEL_KEY), null, config.build());
    adv.compile(new Adam(t.learningRate()), loss, "accuracy");
    return adv;
  }

  /**
   * Sparse cross-entropy for a classifier's output: from logits, unless the output is a softmax
   * (then the loss takes the logits behind it, as Keras does).
   */
  public static Loss lossFor(Model model) {
    return Losses.sparseCategoricalCrossentropy(!hasSoftmaxOutput(model));
  }

  /** Whether the model's output is the softmax of its last layer. */
  public static boolean hasSoftmaxOutput(Model model) {
    return model.output().op().type().equals("Softmax");
  }

  /** Trains for {@code epochs} epochs; a diverging loss stops it with a clear error. */
  public static History fit(Model trainee, Dataset data, int epochs) {
    TerminateOnNaN nan = new TerminateOnNaN();
    History history = trainee.fit(data, FitOptions.epochs(epochs).callback(nan));
    failIfDiverged(nan);
    return history;
  }

  /** Fails when {@code nan} stopped training. */
  static void failIfDiverged(TerminateOnNaN nan) {
    if (nan.terminated()) {
      throw new ArithmeticException(nan.reason() + "; lower the learning rate or check the data");
    }
  }

  /** Shuffled, batched training dictionaries {@code {image, label}}. */
  public static Dataset trainDicts(MnistData data, TrainingParams t) {
    return trainDicts(data.train(), t);
  }

  /** {@code examples} as shuffled, batched dictionaries. */
  public static Dataset trainDicts(Features examples, TrainingParams t) {
    return Dataset.fromTensorSlices(examples).shuffle(examples.rows(), t.seed())
        .batch(t.batchSize());
  }

  /** Test dictionaries in batches of {@code batchSize}. */
  static Dataset testDicts(MnistData data, int batchSize) {
    return Dataset.fromTensorSlices(data.test()).batch(batchSize);
  }

  /** Training batches as {@code (image, label)} tuples, for the base model. */
  static Dataset trainTuples(MnistData data, TrainingParams t) {
    return trainDicts(data, t).map(Dataset.toTuple(HParams.IMAGE_KEY, HParams.LABEL_KEY));
  }

  /** Test batches of {@code batchSize} as tuples. */
  static Dataset testTuples(MnistData data, int batchSize) {
    return testDicts(data, batchSize).map(Dataset.toTuple(HParams.IMAGE_KEY, HParams.LABEL_KEY));
  }

  /** Training steps per epoch. */
  static long steps(MnistData data, TrainingParams t) {
    return (data.train().rows() + t.batchSize() - 1) / t.batchSize();
  }
}
