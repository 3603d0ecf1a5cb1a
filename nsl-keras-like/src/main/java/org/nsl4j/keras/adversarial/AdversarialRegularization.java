package org.nsl4j.keras.adversarial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.FitOptions;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.metrics.Metric;
import org.nsl4j.keras.metrics.Metrics;
import org.nsl4j.keras.training.Trainable;
import org.nsl4j.keras.training.Trainer;
import org.nsl4j.keras.training.TrainingGraph;
import org.nsl4j.keras.optimizers.Optimizer;

/**
 * NSL's {@code nsl.keras.AdversarialRegularization}: wraps a base model so that every training
 * step also builds adversarial neighbors of the batch (FGSM/PGD from the loss gradient) and adds
 * {@code multiplier × loss(neighbors)} to the objective. It takes feature dictionaries that
 * include the labels, e.g. {@code {"image": ..., "label": ...}}.
 *
 * <pre>{@code
 * AdvRegConfig advConfig = AdvConfigs.makeAdvRegConfig()
 *     .multiplier(0.2f).advStepSize(0.2f).advGradNorm("infinity").build();
 * AdversarialRegularization advModel = new AdversarialRegularization(baseModel, advConfig);
 * advModel.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * advModel.fit(trainDicts, 5);
 * }</pre>
 *
 * <p>The wrapper shares the base model's graph and weights: {@link #baseModel()} is the trained
 * model.
 */
public final class AdversarialRegularization implements Trainable {

  private final Model baseModel;
  private final List<String> labelKeys;
  private final String sampleWeightKey;
  private final AdvRegConfig advConfig;
  /** Feature key → its role; a batch must have exactly these keys. */
  private final Map<String, String> expectedKeys = new LinkedHashMap<>();
  private Loss loss;
  private Optimizer optimizer;
  private List<Metric> metrics = List.of();
  private TrainingGraph trainingGraph;
  private final Map<AdvNeighborConfig, Perturbation> perturbations = new HashMap<>();

  /** Wraps {@code baseModel} with labels under {@code "label"} and no sample weights. */
  public AdversarialRegularization(Model baseModel, AdvRegConfig advConfig) {
    this(baseModel, List.of("label"), null, advConfig);
  }

  /**
   * Wraps {@code baseModel}.
   *
   * @param labelKeys the feature key of the labels (one key: the base model has one output)
   * @param sampleWeightKey the feature key of per-example loss weights, or null
   * @param advConfig the adversarial regularization config ({@code makeAdvRegConfig()})
   */
  public AdversarialRegularization(
      Model baseModel, List<String> labelKeys, String sampleWeightKey, AdvRegConfig advConfig) {
    if (labelKeys.size() != 1) {
      throw new IllegalArgumentException(
          "labelKeys must name exactly one label feature (the base model has one output), got "
              + labelKeys);
    }
    this.baseModel = baseModel;
    this.labelKeys = List.copyOf(labelKeys);
    this.sampleWeightKey = sampleWeightKey;
    this.advConfig = advConfig;
    baseModel.build();
    String input = inputKey();
    expectedKeys.put(input, "base model input");
    expectedKeys.put(labelKeys.get(0), "label");
    if (sampleWeightKey != null) {
      expectedKeys.put(sampleWeightKey, "sample weight");
    }
    if (labelKeys.contains(input) || input.equals(sampleWeightKey)) {
      throw new IllegalArgumentException(
          "the base model's input '" + input + "' cannot also be a label or sample-weight key");
    }
    for (String key : advConfig.advNeighborConfig().featureMask().keys()) {
      if (!key.equals(input)) {
        throw new IllegalArgumentException(
            "featureMask has key '" + key + "', but only the base model's float input '" + input
                + "' is perturbed");
      }
    }
  }

  /** The wrapped model; it holds the trained weights. */
  public Model baseModel() {
    return baseModel;
  }

  public AdvRegConfig advConfig() {
    return advConfig;
  }

  /** Configures training with Keras strings, e.g. {@code ("adam", loss, "accuracy")}. */
  public void compile(String optimizer, String loss, String... metrics) {
    compile(Optimizer.get(optimizer), Losses.get(loss), metrics);
  }

  /** Configures training; metric names resolve against {@code loss} as in Keras. */
  public void compile(Optimizer optimizer, Loss loss, String... metrics) {
    if (trainingGraph != null) {
      throw new IllegalStateException(
          "this model's training graph was already built (by fit, evaluate or a checkpoint);"
              + " compile a new wrapper instead");
    }
    this.optimizer = optimizer;
    this.loss = loss;
    perturbations.clear();
    this.metrics = Metrics.resolve(loss, metrics);
  }

  /** Trains on a batched dataset of feature dictionaries (labels included). */
  public History fit(Dataset data, int epochs) {
    return fit(data, FitOptions.epochs(epochs));
  }

  /** Trains on a batched dataset of feature dictionaries (labels included). */
  @Override
  public History fit(Dataset data, FitOptions options) {
    return Trainer.fit(baseModel.session(), trainingGraph(), checked(data), options);
  }

  /**
   * Evaluates: {@code loss}, the loss by name, the metrics, {@code scaled_adversarial_loss}, in
   * that order (neighbors are built in inference mode).
   */
  public Map<String, Double> evaluate(Dataset data) {
    return evaluate(data, 1);
  }

  /** Evaluates with the given verbosity (0 = silent). */
  public Map<String, Double> evaluate(Dataset data, int verbose) {
    return Trainer.evaluate(baseModel.session(), trainingGraph(), checked(data), verbose);
  }

  /**
   * The adversarial version of a batch, as NSL's {@code perturb_on_batch}: the base model's input
   * feature is replaced by its neighbor, computed in inference mode and not clipped (clip as the
   * tutorial does); labels and other features are carried through. Weights are unchanged.
   */
  public Features perturbOnBatch(Features batch) {
    return perturbOnBatch(batch, advConfig.advNeighborConfig());
  }

  /** {@link #perturbOnBatch(Features)} with config fields overridden for this call. */
  public Features perturbOnBatch(
      Features batch, UnaryOperator<AdvNeighborConfig.Builder> overrides) {
    return perturbOnBatch(batch, overrides.apply(advConfig.advNeighborConfig().toBuilder()).build());
  }

  /** {@link #perturbOnBatch(Features)} with another neighbor config. */
  public Features perturbOnBatch(Features batch, AdvNeighborConfig config) {
    checkKeys(batch);
    if (loss == null) {
      throw new IllegalStateException(
          "AdversarialRegularization must be compiled before perturbOnBatch (the attack ascends"
              + " the compiled loss)");
    }
    Perturbation p = perturbations.computeIfAbsent(config,
        c -> new Perturbation(baseModel, loss, labelKeys.get(0), c));
    FeatureArray neighbor = p.run(batch);
    return batch.with(inputKey(), neighbor);
  }

  /** Saves the base model's weights (the wrapper has no weights of its own). */
  public void saveWeights(Path prefix) throws IOException {
    baseModel.saveWeights(prefix);
  }

  /** Restores the base model's weights. */
  public void loadWeights(Path prefix) throws IOException {
    baseModel.loadWeights(prefix);
  }

  /** Saves the base model's weights and this wrapper's optimizer state, to resume training. */
  @Override
  public void saveCheckpoint(Path prefix) throws IOException {
    trainingGraph();
    baseModel.saveCheckpoint(prefix);
  }

  /** Restores what {@link #saveCheckpoint} saved. */
  @Override
  public void loadCheckpoint(Path prefix) throws IOException {
    trainingGraph();
    baseModel.loadCheckpoint(prefix);
  }

  private TrainingGraph trainingGraph() {
    if (loss == null) {
      throw new IllegalStateException(
          "AdversarialRegularization must be compiled before fit or evaluate");
    }
    if (trainingGraph == null) {
      trainingGraph = new AdvTrainingGraph(baseModel, loss, optimizer, metrics, labelKeys.get(0),
          sampleWeightKey, advConfig).build();
    }
    return trainingGraph;
  }

  private String inputKey() {
    return baseModel.inputLayer().name();
  }

  private Dataset checked(Dataset data) {
    return data.map(batch -> {
      checkKeys(batch);
      return batch;
    });
  }

  /** A batch must hold the input and label keys, and nothing the base model cannot take. */
  private void checkKeys(Features batch) {
    for (Map.Entry<String, String> e : expectedKeys.entrySet()) {
      if (!batch.has(e.getKey())) {
        throw new IllegalArgumentException(
            "missing " + e.getValue() + " key '" + e.getKey() + "' in the features (they have "
                + batch.keys() + ")");
      }
    }
    for (String key : batch.keys()) {
      if (!expectedKeys.containsKey(key)) {
        throw new IllegalArgumentException(
            "feature '" + key + "' is not taken by the base model (expected keys "
                + expectedKeys.keySet() + ")");
      }
    }
  }

}
