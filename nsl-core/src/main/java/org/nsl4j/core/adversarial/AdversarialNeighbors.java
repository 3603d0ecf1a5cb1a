package org.nsl4j.core.adversarial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/** Generates adversarial neighbors in a graph (NSL's {@code nsl.lib.gen_adv_neighbor}). */
public final class AdversarialNeighbors {

  private static final Logger LOG = LoggerFactory.getLogger(AdversarialNeighbors.class);

  private AdversarialNeighbors() {}

  /**
   * Adds to the graph the adversarial neighbors of a batch of examples: the features moved by
   * {@code config.pgdIterations()} projected-gradient steps that increase the loss (one step is
   * the fast gradient sign method), see {@link AdvNeighborConfig}.
   *
   * <p>Only floating-point features that have a gradient are perturbed; others are passed through
   * unchanged, with a warning. Non-finite gradient entries count as 0. The perturbed features
   * carry no gradient: nothing flows back through the attack.
   *
   * @param tf the ops of the graph
   * @param inputFeatures the batched input features (first dimension = batch)
   * @param gradients the gradients of the labeled loss with respect to the input features, as
   *     computed by the caller together with the weights' gradients; a missing or null entry
   *     means the feature has no gradient
   * @param config how to generate the neighbors
   * @param pgdLossFn the loss at perturbed features, ascended by every step after the first (and
   *     by the first one too after a random start); may be null for a single step without random
   *     start
   * @return the neighbors, keyed and ordered like {@code inputFeatures}
   * @throws IllegalArgumentException if {@code inputFeatures} is empty, or {@code pgdLossFn} is
   *     null although the configuration needs it
   */
  public static AdvNeighbor genAdvNeighbor(
      Ops tf,
      Map<String, ? extends Operand<?>> inputFeatures,
      Map<String, ? extends Operand<?>> gradients,
      AdvNeighborConfig config,
      PgdLossFn pgdLossFn) {
    Objects.requireNonNull(config, "config");
    return genAdvNeighbor(tf, inputFeatures, gradients, config, pgdLossFn,
        AdvSizes.constantsOf(tf, config));
  }

  /**
   * {@link #genAdvNeighbor(Ops, Map, Map, AdvNeighborConfig, PgdLossFn)} with the step size and
   * the projection radius taken from {@code sizes} instead of the config's {@code advStepSize}
   * and {@code pgdEpsilon}: with placeholders ({@link AdvSizes#placeholders}) one graph serves
   * every size, fed at run time.
   *
   * @throws IllegalArgumentException also if {@code sizes} has a radius exactly when the config
   *     has no {@code pgdEpsilon}, or none when it has one
   */
  public static AdvNeighbor genAdvNeighbor(
      Ops tf,
      Map<String, ? extends Operand<?>> inputFeatures,
      Map<String, ? extends Operand<?>> gradients,
      AdvNeighborConfig config,
      PgdLossFn pgdLossFn,
      AdvSizes sizes) {
    Objects.requireNonNull(tf, "tf");
    Objects.requireNonNull(sizes, "sizes");
    if ((sizes.pgdEpsilon() != null) != config.pgdEpsilon().isPresent()) {
      throw new IllegalArgumentException("sizes " + (sizes.pgdEpsilon() != null ? "have" : "lack")
          + " a pgdEpsilon tensor, but the config " + (config.pgdEpsilon().isPresent() ? "sets"
          : "does not set") + " pgdEpsilon");
    }
    Objects.requireNonNull(gradients, "gradients");
    Objects.requireNonNull(config, "config");
    if (inputFeatures.isEmpty()) {
      throw new IllegalArgumentException("inputFeatures must not be empty");
    }
    if (pgdLossFn == null && (config.pgdIterations() > 1 || config.randomInit())) {
      throw new IllegalArgumentException(
          "pgdLossFn is required when pgdIterations > 1 or randomInit is true, got pgdIterations="
              + config.pgdIterations() + ", randomInit=" + config.randomInit());
    }
    Map<String, Operand<? extends TNumber>> perturbable = perturbable(inputFeatures, gradients);
    Map<String, Operand<? extends TNumber>> perturbed =
        perturbable.isEmpty()
            ? Map.of()
            : new PgdAttack(tf, config, inputFeatures, perturbable, pgdLossFn, sizes)
                .run(gradients);
    Map<String, Operand<?>> neighbor = new LinkedHashMap<>();
    inputFeatures.forEach((key, feature) ->
        neighbor.put(key, perturbed.containsKey(key) ? perturbed.get(key) : feature));
    return new AdvNeighbor(neighbor, ones(tf, inputFeatures.values().iterator().next()));
  }

  /** The floating-point features that have a gradient; warns once about each kind of the rest. */
  @SuppressWarnings("unchecked")
  private static Map<String, Operand<? extends TNumber>> perturbable(
      Map<String, ? extends Operand<?>> features, Map<String, ? extends Operand<?>> gradients) {
    Map<String, Operand<? extends TNumber>> perturbable = new LinkedHashMap<>();
    List<String> notFloating = new ArrayList<>();
    List<String> noGradient = new ArrayList<>();
    features.forEach((key, feature) -> {
      if (!TFloating.class.isAssignableFrom(feature.type())) {
        notFloating.add(key);
      } else if (gradients.get(key) == null) {
        noGradient.add(key);
      } else {
        perturbable.put(key, (Operand<? extends TNumber>) feature);
      }
    });
    if (!notFloating.isEmpty()) {
      LOG.warn("Cannot perturb non-floating-point features {}; they are passed through unchanged",
          notFloating);
    }
    if (!noGradient.isEmpty()) {
      LOG.warn("Cannot perturb features without a gradient {}; they are passed through unchanged",
          noGradient);
    }
    return perturbable;
  }

  /** Ones shaped {@code [batch, 1]}. */
  private static Operand<TFloat32> ones(Ops tf, Operand<?> batched) {
    Operand<TInt32> batchSize = tf.stridedSlice(tf.shape(batched), Indices.at(0));
    return tf.fill(tf.stack(List.of(batchSize, tf.constant(1))), tf.constant(1f));
  }
}
