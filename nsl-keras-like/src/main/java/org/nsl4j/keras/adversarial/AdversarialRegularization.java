package org.nsl4j.keras.adversarial;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.CompileConfig;
import org.nsl4j.keras.training.TrainingGraph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * NSL's {@code nsl.keras.AdversarialRegularization}: a model around a base model whose every
 * training step also builds adversarial neighbors of the batch (FGSM/PGD from the loss gradient)
 * and adds {@code multiplier × loss(neighbors)} to the objective. It takes feature dictionaries
 * that include the labels, e.g. {@code {"image": ..., "label": ...}}.
 *
 * <pre>{@code
 * AdvRegConfig advConfig = AdvConfigs.makeAdvRegConfig()
 *     .multiplier(0.2f).advStepSize(0.2f).advGradNorm("infinity").build();
 * AdversarialRegularization advModel = new AdversarialRegularization(baseModel, advConfig);
 * advModel.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * advModel.fit(trainDicts, 5);
 * }</pre>
 *
 * <p>As in NSL it is a {@link Model} subclass: {@code compile}, {@code fit}, {@code evaluate},
 * weights and checkpoints are {@code Model}'s; only the training graph is its own. It shares the
 * base model's graph and weights: {@link #baseModel()} is the trained model.
 *
 * <p>A base model with several inputs has all of them perturbed jointly, as NSL perturbs a
 * feature dictionary: one norm per example across all perturbed inputs, {@code featureMask} and
 * clip bounds per input name. A base model with several outputs takes one label key per output
 * (in output order) and per-output losses and loss weights keyed by output name ({@code
 * compile(optimizer, losses, lossWeights, metrics)}); the labeled and adversarial losses are then
 * {@code sum(weight * loss)}, and logs name each output's loss and metrics with its label key,
 * e.g. {@code sparse_categorical_crossentropy_label_a}.
 */
public final class AdversarialRegularization extends Model {

  private final Model baseModel;
  private final List<String> labelKeys;
  private final String sampleWeightKey;
  private final AdvRegConfig advConfig;
  /** Feature key → its role; a batch must have exactly these keys. */
  private final Map<String, String> expectedKeys = new LinkedHashMap<>();
  /** One perturbation graph per kind of config: sizes are fed, so a sweep reuses one graph. */
  private final Map<Perturbation.Kind, Perturbation> perturbations = new HashMap<>();
  private Variable<TFloat32> multiplier;
  private Operand<TFloat32> multiplierRead;
  private Placeholder<TFloat32> multiplierValue;
  private Op assignMultiplier;

  /** Wraps {@code baseModel} with labels under {@code "label"} and no sample weights. */
  public AdversarialRegularization(Model baseModel, AdvRegConfig advConfig) {
    this(baseModel, List.of("label"), null, advConfig);
  }

  /**
   * Wraps {@code baseModel}.
   *
   * @param labelKeys the feature key of the labels of each base model output, in output order
   * @param sampleWeightKey the feature key of per-example loss weights, or null
   * @param advConfig the adversarial regularization config ({@code makeAdvRegConfig()})
   */
  public AdversarialRegularization(
      Model baseModel, List<String> labelKeys, String sampleWeightKey, AdvRegConfig advConfig) {
    super(baseModel, null);
    baseModel.build();
    this.baseModel = baseModel;
    this.labelKeys = List.copyOf(labelKeys);
    this.sampleWeightKey = sampleWeightKey;
    this.advConfig = advConfig;
    int outputs = baseModel.outputs().size();
    if (labelKeys.size() != outputs || new HashSet<>(labelKeys).size() != outputs) {
      throw new IllegalArgumentException("labelKeys must name one distinct label feature per"
          + " output of the base model (it has " + outputs + "), got " + labelKeys);
    }
    baseModel.inputLayers().forEach(in -> expect(in.name(), "base model input"));
    labelKeys.forEach(key -> expect(key, "label"));
    if (sampleWeightKey != null) {
      expect(sampleWeightKey, "sample weight");
    }
    checkFeatureKeys(advConfig.advNeighborConfig());
    build();
  }

  private void expect(String key, String role) {
    String other = expectedKeys.putIfAbsent(key, role);
    if (other != null) {
      throw new IllegalArgumentException(
          "feature key '" + key + "' cannot be both the " + other + " and a " + role);
    }
  }

  /** Per-feature constants may only name base model inputs (the features perturbed). */
  private void checkFeatureKeys(AdvNeighborConfig config) {
    List<String> inputs = baseModel.inputLayers().stream().map(InputLayer::name).toList();
    for (var constants : List.of(config.featureMask(), config.clipValueMin(),
        config.clipValueMax())) {
      for (String key : constants.keys()) {
        if (!inputs.contains(key)) {
          throw new IllegalArgumentException("the adversarial config names feature '" + key
              + "' (featureMask or clip values), but only the base model's float inputs "
              + inputs + " are perturbed");
        }
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

  /** Also drops the cached perturbation graphs, which ascend the compiled loss. */
  @Override
  public void compile(CompileConfig config) {
    super.compile(config);
    perturbations.clear();
  }

  @Override
  protected TrainingGraph buildTrainingGraph() {
    return new AdvTrainingGraph(baseModel, compileConfig().resolve(baseModel.outputNames()),
        labelKeys, sampleWeightKey, advConfig, multiplierTensor())
        .build(optimizer(), this::checkKeys);
  }

  /**
   * The multiplier of the adversarial loss in use: the config's until {@link #setMultiplier}
   * changes it.
   */
  public float multiplier() {
    multiplierTensor();
    try (Result r = session().runner().fetch(multiplier).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  /**
   * Sets the multiplier of the adversarial loss for the next training steps and evaluations
   * (a graph variable, so that a schedule can change it between epochs; see {@code
   * AdversarialMultiplierScheduler}). It is not part of checkpoints: a schedule sets it again.
   */
  public void setMultiplier(float value) {
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException("multiplier must be finite, got " + value);
    }
    multiplierTensor();
    try (TFloat32 v = TFloat32.scalarOf(value)) {
      session().runner().feed(multiplierValue, v).addTarget(assignMultiplier).run().close();
    }
  }

  /** The multiplier variable, read as a value (created with the config's value on first use). */
  private synchronized Operand<TFloat32> multiplierTensor() {
    if (multiplier == null) {
      Ops tf = backend().tf().withSubScope(backend().uniqueName(name() + "_multiplier"));
      Ops init = tf.withInitScope();
      multiplier = init.withName("multiplier").variable(init.constant(advConfig.multiplier()));
      multiplierRead = tf.withName("read").identity(multiplier);
      multiplierValue = tf.withName("value")
          .placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      assignMultiplier = tf.withName("assign").assign(multiplier, multiplierValue);
    }
    return multiplierRead;
  }

  /**
   * The adversarial version of a batch, as NSL's {@code perturb_on_batch}: every input feature
   * of the base model is replaced by its neighbor, computed in inference mode and not clipped
   * (clip as the tutorial does); labels and other features are carried through. Weights are
   * unchanged.
   */
  public Features perturbOnBatch(Features batch) {
    return perturbOnBatch(batch, advConfig.advNeighborConfig());
  }

  /** {@link #perturbOnBatch(Features)} with config fields overridden for this call. */
  public Features perturbOnBatch(
      Features batch, UnaryOperator<AdvNeighborConfig.Builder> overrides) {
    return perturbOnBatch(batch, overrides.apply(advConfig.advNeighborConfig().toBuilder()).build());
  }

  /**
   * {@link #perturbOnBatch(Features)} with another neighbor config. The graph is built once per
   * kind of config (norm, iterations, masks, clip bounds, random start) and kept until the next
   * {@code compile}; step size and {@code pgdEpsilon} are fed to it, so a sweep over them adds no
   * graph.
   */
  public Features perturbOnBatch(Features batch, AdvNeighborConfig config) {
    checkKeys(batch);
    if (compileConfig() == null) {
      throw new IllegalStateException(
          "AdversarialRegularization must be compiled before perturbOnBatch (the attack ascends"
              + " the compiled loss)");
    }
    Perturbation p = perturbations.computeIfAbsent(Perturbation.Kind.of(config), k -> {
      checkFeatureKeys(config);
      return new Perturbation(baseModel, compileConfig().resolve(baseModel.outputNames()),
          labelKeys, config);
    });
    return p.run(batch, config);
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
