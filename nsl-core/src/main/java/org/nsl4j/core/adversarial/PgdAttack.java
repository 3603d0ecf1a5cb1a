package org.nsl4j.core.adversarial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.FeatureConstant;
import org.nsl4j.core.configs.NormType;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Projected gradient descent from given features: each step moves the perturbed features by
 * {@code advStepSize} along the steepest-ascent direction of the (masked) gradient in {@code
 * advGradNorm}, projects the accumulated perturbation onto the {@code pgdEpsilon} ball around the
 * original features (when {@code pgdEpsilon} is set), clips to the configured bounds and stops
 * the gradient; a random start is drawn from the {@code pgdEpsilon} ball (else the {@code
 * advStepSize} ball) and clipped too, so every iterate lies in both. The maths runs in
 * float32; features of other floating-point types are cast for it and back.
 */
final class PgdAttack {

  private final Ops tf;
  private final AdvNeighborConfig config;
  private final Map<String, ? extends Operand<?>> inputs;
  private final Map<String, Operand<? extends TNumber>> originals;
  private final PgdLossFn lossFn;
  private final Operand<TFloat32> stepSize;
  private final Operand<TFloat32> epsilon;
  private final Map<String, Operand<TFloat32>> masks = new LinkedHashMap<>();
  private final Map<String, Operand<TFloat32>> mins = new LinkedHashMap<>();
  private final Map<String, Operand<TFloat32>> maxs = new LinkedHashMap<>();

  /**
   * @param inputs every input feature, handed to {@code lossFn} with the perturbed ones replaced
   * @param originals the floating-point features to perturb, a subset of {@code inputs}
   * @param lossFn the loss ascended by every step not taken from the clean gradients; may be
   *     null only for a single step without random start
   * @param sizes the step size and projection radius, in place of the config's
   */
  PgdAttack(Ops tf, AdvNeighborConfig config, Map<String, ? extends Operand<?>> inputs,
      Map<String, Operand<? extends TNumber>> originals, PgdLossFn lossFn, AdvSizes sizes) {
    this.tf = tf;
    this.config = config;
    this.inputs = inputs;
    this.originals = originals;
    this.lossFn = lossFn;
    this.stepSize = sizes.stepSize();
    this.epsilon = sizes.pgdEpsilon();
    for (String key : originals.keySet()) {
      config.featureMask().get(key).ifPresent(c -> masks.put(key, constant(c)));
      config.clipValueMin().get(key).ifPresent(c -> mins.put(key, constant(c)));
      config.clipValueMax().get(key).ifPresent(c -> maxs.put(key, constant(c)));
    }
  }

  /**
   * Runs the attack. Without a random start the first step follows {@code cleanGradients}, the
   * gradients of the labeled loss at the original features; every further step, and every step
   * after a random start, follows the gradient of the loss function at the current features.
   */
  Map<String, Operand<? extends TNumber>> run(Map<String, ? extends Operand<?>> cleanGradients) {
    Map<String, Operand<? extends TNumber>> current;
    int steps = config.pgdIterations();
    if (config.randomInit()) {
      Map<String, Operand<TInt32>> shapes = new LinkedHashMap<>();
      originals.forEach((key, feature) -> shapes.put(key, tf.shape(feature)));
      Operand<TFloat32> radius = epsilon != null ? epsilon : stepSize;
      current = perturbedBy(NormOps.randomInNormBall(tf, shapes, radius, config.advGradNorm(),
          config.randomSeed()));
    } else {
      Map<String, Operand<?>> gradients = new LinkedHashMap<>();
      originals.keySet().forEach(key -> gradients.put(key, cleanGradients.get(key)));
      current = step(originals, gradients);
      steps--;
    }
    for (int i = 0; i < steps; i++) {
      current = step(current, gradientsAt(current));
    }
    return current;
  }

  private Map<String, Operand<? extends TNumber>> step(
      Map<String, Operand<? extends TNumber>> current, Map<String, Operand<?>> gradients) {
    Map<String, Operand<TFloat32>> masked = new LinkedHashMap<>();
    gradients.forEach((key, gradient) -> masked.put(key, masked(key, gradient)));
    NormType norm = config.advGradNorm();
    Map<String, Operand<TFloat32>> perturbation = new LinkedHashMap<>();
    NormOps.maximizeWithinUnitNorm(tf, masked, norm).forEach((key, direction) -> perturbation.put(
        key, tf.math.add(tf.math.mul(direction, stepSize),
            offset(current.get(key), originals.get(key)))));
    return perturbedBy(epsilon != null
        ? NormOps.projectToBall(tf, perturbation, epsilon, norm)
        : perturbation);
  }

  /** The gradient in float32, its non-finite entries zeroed, times the feature's mask if any. */
  private Operand<TFloat32> masked(String key, Operand<?> gradient) {
    Operand<TFloat32> g = toFloat32(gradient);
    g = tf.select(tf.math.isFinite(g), g, tf.zerosLike(g));
    return masks.containsKey(key) ? tf.math.mul(g, masks.get(key)) : g;
  }

  /** {@code current - original} in float32, the perturbation accumulated so far. */
  @SuppressWarnings("unchecked")
  private <T extends TNumber> Operand<TFloat32> offset(
      Operand<? extends TNumber> current, Operand<T> original) {
    return toFloat32(tf.math.sub((Operand<T>) current, original));
  }

  /** The original features plus the perturbations, clipped to the bounds, without gradient. */
  private Map<String, Operand<? extends TNumber>> perturbedBy(
      Map<String, Operand<TFloat32>> perturbations) {
    Map<String, Operand<? extends TNumber>> perturbed = new LinkedHashMap<>();
    perturbations.forEach(
        (key, delta) -> perturbed.put(key, perturb(key, originals.get(key), delta)));
    return perturbed;
  }

  private <T extends TNumber> Operand<T> perturb(
      String key, Operand<T> original, Operand<TFloat32> delta) {
    Class<T> type = original.type();
    Operand<T> feature = tf.math.add(original, castTo(delta, type));
    if (mins.containsKey(key)) {
      feature = tf.math.maximum(feature, castTo(mins.get(key), type));
    }
    if (maxs.containsKey(key)) {
      feature = tf.math.minimum(feature, castTo(maxs.get(key), type));
    }
    return tf.stopGradient(feature);
  }

  /** Gradients of the loss function with respect to the current perturbed features. */
  private Map<String, Operand<?>> gradientsAt(Map<String, Operand<? extends TNumber>> current) {
    Map<String, Operand<?>> features = new LinkedHashMap<>(inputs);
    features.putAll(current);
    Operand<TFloat32> loss = lossFn.loss(features);
    Output<?>[] xs = current.values().stream().map(Operand::asOutput).toArray(Output<?>[]::new);
    Output<?>[] dx = graph().addGradients(
        tf.scope().makeOpName("adv_pgd_gradients"), new Output<?>[] {loss.asOutput()}, xs, null);
    Map<String, Operand<?>> gradients = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, Operand<? extends TNumber>> feature : current.entrySet()) {
      Output<?> gradient = dx[i++];
      // A loss that reaches the feature only through stopped gradients yields no gradient op.
      boolean none = ((GraphOperation) gradient.op()).getUnsafeNativeHandle() == null;
      gradients.put(feature.getKey(), none ? tf.zerosLike(feature.getValue()) : gradient);
    }
    return gradients;
  }

  private Graph graph() {
    if (tf.scope().env() instanceof Graph graph) {
      return graph;
    }
    throw new IllegalArgumentException(
        "PGD iterations and random starts need graph mode (Graph.addGradients), got "
            + tf.scope().env().getClass().getSimpleName());
  }

  private Operand<TFloat32> constant(FeatureConstant c) {
    return tf.constant(Shape.of(c.shape()), DataBuffers.of(c.values(), true, false));
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat32> toFloat32(Operand<?> x) {
    return x.type() == TFloat32.class
        ? (Operand<TFloat32>) x
        : tf.dtypes.cast(x, TFloat32.class);
  }

  @SuppressWarnings("unchecked")
  private <T extends TNumber> Operand<T> castTo(Operand<TFloat32> x, Class<T> type) {
    return type == TFloat32.class ? (Operand<T>) x : tf.dtypes.cast(x, type);
  }
}
