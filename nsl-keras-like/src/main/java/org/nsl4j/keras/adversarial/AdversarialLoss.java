package org.nsl4j.keras.adversarial;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nsl4j.core.adversarial.AdvSizes;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.backend.InputGradients;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.TrainingGraph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * NSL's {@code nsl.keras.adversarial_loss}, for a training graph written by hand: from a model,
 * its loss on the labels, the features and an {@link AdvRegConfig}, it builds in the model's
 * graph the labeled loss, the adversarial neighbors of the features (a step along the labeled
 * loss's input gradient, or PGD), the loss on the neighbors and that loss times the multiplier.
 *
 * <pre>{@code
 * Ops tf = model.backend().tf();
 * Placeholder<TInt64> y = tf.placeholder(TInt64.class);
 * AdversarialLoss adv = AdversarialLoss.of(model, Losses.sparseCategoricalCrossentropy(true), y,
 *     AdvConfigs.makeAdvRegConfig().multiplier(0.2f).advStepSize(0.05f).build());
 * Operand<TFloat32> objective = tf.math.add(adv.labeledLoss(), adv.scaledLoss());
 * // feed model.inputPlaceholder() and y; minimize objective over model.trainableWeights()
 * }</pre>
 *
 * <p>The labeled loss is differentiated once, with respect to the features and (when {@link
 * Builder#weights} are given) the weights together, so one backward pass gives both the attack
 * direction and the clean weight gradients ({@link #weightGradients()}). The neighbors carry no
 * gradient, as in NSL. With several inputs, all of them are perturbed jointly.
 */
public final class AdversarialLoss {

  /** A model's scalar loss on its outputs (in output order) against fixed labels. */
  @FunctionalInterface
  public interface LossFn {
    Operand<TFloat32> of(List<Operand<TFloat32>> outputs);
  }

  private final Operand<TFloat32> labeledLoss;
  private final List<Operand<TFloat32>> outputs;
  private final List<Operand<TFloat32>> neighbors;
  private final List<Operand<TFloat32>> adversarialOutputs;
  private final Operand<TFloat32> adversarialLoss;
  private final Operand<TFloat32> scaledLoss;
  private final List<Output<?>> weightGradients;

  private AdversarialLoss(Builder b) {
    b.model.build();
    Backend backend = b.model.backend();
    Ops tf = backend.tf().withSubScope(backend.uniqueName(b.name));
    List<Operand<TFloat32>> xs =
        b.features != null ? b.features : List.copyOf(b.model.inputPlaceholders());
    outputs = b.outputs != null ? b.outputs
        : b.model.callInBranch(backend.uniqueName(b.name + "_clean"), xs, b.training, b.updates);
    labeledLoss = b.labeledLoss != null ? b.labeledLoss : b.loss.of(outputs);
    List<Operand<?>> ws = b.weights.stream().<Operand<?>>map(Weight::variable).toList();
    List<Output<?>> grads =
        InputGradients.of(backend, b.name + "_gradients", labeledLoss, xs, ws);
    neighbors = Neighbors.of(b.model, tf, b.config.advNeighborConfig(),
        AdvSizes.constantsOf(tf, b.config.advNeighborConfig()), xs,
        grads.subList(0, xs.size()), b.training, b.updates, b.loss);
    adversarialOutputs = b.model.callInBranch(
        backend.uniqueName(b.name + "_neighbor"), neighbors, b.training, b.updates);
    adversarialLoss = b.loss.of(adversarialOutputs);
    Operand<TFloat32> multiplier =
        b.multiplier != null ? b.multiplier : tf.constant(b.config.multiplier());
    scaledLoss = tf.math.mul(multiplier, adversarialLoss);
    weightGradients = List.copyOf(grads.subList(xs.size(), grads.size()));
  }

  /**
   * The scaled adversarial loss of a one-output model on its input placeholders, in training
   * mode: {@code multiplier * mean(loss(labels, model(neighbors)))}.
   */
  public static AdversarialLoss of(Model model, Loss loss, Operand<?> labels,
      AdvRegConfig config) {
    model.build();
    Ops tf = model.backend().tf();
    return builder(model, outputs -> {
      if (outputs.size() != 1) {
        throw new IllegalArgumentException("model '" + model.name() + "' has " + outputs.size()
            + " outputs; use AdversarialLoss.builder with a loss of all of them");
      }
      return TrainingGraph.mean(tf, loss.perExample(tf, labels, outputs.get(0)));
    }, config).build();
  }

  /** A builder of the adversarial loss of {@code model} under {@code loss}. */
  public static Builder builder(Model model, LossFn loss, AdvRegConfig config) {
    return new Builder(model, loss, config);
  }

  /** The labeled loss on the clean features. */
  public Operand<TFloat32> labeledLoss() {
    return labeledLoss;
  }

  /** The model's outputs on the clean features. */
  public List<Operand<TFloat32>> outputs() {
    return outputs;
  }

  /** The adversarial neighbors, one per feature (unperturbable ones passed through). */
  public List<Operand<TFloat32>> neighbors() {
    return neighbors;
  }

  /** The model's outputs on the neighbors. */
  public List<Operand<TFloat32>> adversarialOutputs() {
    return adversarialOutputs;
  }

  /** The loss on the neighbors, NSL's {@code adversarial_loss} (the multiplier not applied). */
  public Operand<TFloat32> adversarialLoss() {
    return adversarialLoss;
  }

  /** {@code multiplier * adversarialLoss()}, the term added to the training objective. */
  public Operand<TFloat32> scaledLoss() {
    return scaledLoss;
  }

  /**
   * The labeled loss's gradients with respect to {@link Builder#weights}, from the backward pass
   * that also gave the attack direction (null where it does not depend on a weight).
   */
  public List<Output<?>> weightGradients() {
    return weightGradients;
  }

  /** Options of an {@link AdversarialLoss}; every one has a default. */
  public static final class Builder {
    private final Model model;
    private final LossFn loss;
    private final AdvRegConfig config;
    private List<Operand<TFloat32>> features;
    private List<Operand<TFloat32>> outputs;
    private Operand<TFloat32> labeledLoss;
    private boolean training = true;
    private List<Weight> weights = List.of();
    private Operand<TFloat32> multiplier;
    private List<Op> updates = new ArrayList<>();
    private String name = "adversarial_loss";

    private Builder(Model model, LossFn loss, AdvRegConfig config) {
      this.model = Objects.requireNonNull(model, "model");
      this.loss = Objects.requireNonNull(loss, "loss");
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The tensors the model is called on, one per input (default: its input placeholders). */
    public Builder features(List<Operand<TFloat32>> features) {
      this.features = List.copyOf(features);
      return this;
    }

    /** The model's outputs on the features, already built (NSL's {@code predictions}). */
    public Builder outputs(List<Operand<TFloat32>> outputs) {
      this.outputs = List.copyOf(outputs);
      return this;
    }

    /** The labeled loss, already built from those outputs (NSL's {@code labeled_loss}). */
    public Builder labeledLoss(Operand<TFloat32> labeledLoss) {
      this.labeledLoss = labeledLoss;
      return this;
    }

    /** Whether the model runs in training mode (default true) for the neighbors. */
    public Builder training(boolean training) {
      this.training = training;
      return this;
    }

    /** Weights whose clean gradients to take in the same backward pass (default none). */
    public Builder weights(List<Weight> weights) {
      this.weights = List.copyOf(weights);
      return this;
    }

    /** The multiplier as a tensor, e.g. a variable a schedule changes (default the config's). */
    public Builder multiplier(Operand<TFloat32> multiplier) {
      this.multiplier = multiplier;
      return this;
    }

    /**
     * Where state updates (e.g. moving statistics) of the model calls built here go: the neighbor
     * branch and PGD steps (default: dropped).
     */
    public Builder updates(List<Op> updates) {
      this.updates = updates;
      return this;
    }

    /** The prefix of the ops built (default {@code adversarial_loss}). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public AdversarialLoss build() {
      return new AdversarialLoss(this);
    }
  }
}
