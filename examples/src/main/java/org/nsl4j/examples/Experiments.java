package org.nsl4j.examples;

import java.util.List;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.Losses;
import org.nsl4j.keras.training.optimizers.Adam;

/** The tutorial's data pipelines and compile settings, shared by the commands. */
final class Experiments {

  private Experiments() {}

  /** Adam, sparse cross-entropy from logits, accuracy: as the tutorial compiles the base model. */
  static void compileBase(Model model, HParams h) {
    model.compile(new Adam(h.learningRate()), Losses.sparseCategoricalCrossentropy(true),
        "accuracy");
  }

  /** The tutorial's adversarial wrapper of {@code base}, compiled like the base model. */
  static AdversarialRegularization adversarial(Model base, HParams h) {
    AdvRegConfig config = AdvConfigs.makeAdvRegConfig()
        .multiplier(h.advMultiplier())
        .advStepSize(h.advStepSize())
        .advGradNorm(h.advGradNorm())
        .pgdIterations(h.pgdIterations())
        .pgdEpsilon(h.pgdEpsilon())
        .build();
    AdversarialRegularization adv = new AdversarialRegularization(
        base, List.of(HParams.LABEL_KEY), null, config);
    adv.compile(new Adam(h.learningRate()), Losses.sparseCategoricalCrossentropy(true),
        "accuracy");
    return adv;
  }

  /** Shuffled, batched training dictionaries {@code {image, label}}. */
  static Dataset trainDicts(MnistData data, HParams h) {
    return Dataset.fromTensorSlices(data.train()).shuffle(data.train().rows(), h.seed())
        .batch(h.batchSize());
  }

  /** Batched test dictionaries. */
  static Dataset testDicts(MnistData data, HParams h) {
    return Dataset.fromTensorSlices(data.test()).batch(h.batchSize());
  }

  /** Training batches as {@code (image, label)} tuples, for the base model. */
  static Dataset trainTuples(MnistData data, HParams h) {
    return trainDicts(data, h).map(Dataset.toTuple(HParams.IMAGE_KEY, HParams.LABEL_KEY));
  }

  /** Test batches as tuples. */
  static Dataset testTuples(MnistData data, HParams h) {
    return testDicts(data, h).map(Dataset.toTuple(HParams.IMAGE_KEY, HParams.LABEL_KEY));
  }

  /** Training steps per epoch. */
  static long steps(MnistData data, HParams h) {
    return (data.train().rows() + h.batchSize() - 1) / h.batchSize();
  }
}
