package org.nsl4j.core.adversarial;

import java.util.Objects;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The sizes of an adversarial perturbation as scalar tensors of the graph: the step size ({@code
 * advStepSize}) and the projection radius ({@code pgdEpsilon}, null when the config sets none).
 * As constants they are the config's values; as placeholders they are fed at run time, so that
 * one perturbation graph serves a whole sweep of sizes.
 *
 * @param stepSize the step size, a float32 scalar
 * @param pgdEpsilon the radius of the ball every step is projected onto, or null for none
 */
public record AdvSizes(Operand<TFloat32> stepSize, Operand<TFloat32> pgdEpsilon) {

  /** Requires the step size. */
  public AdvSizes {
    Objects.requireNonNull(stepSize, "stepSize");
  }

  /** The config's sizes as constants. */
  public static AdvSizes constantsOf(Ops tf, AdvNeighborConfig config) {
    return new AdvSizes(tf.constant(config.advStepSize()),
        config.pgdEpsilon().map(tf::constant).orElse(null));
  }

  /** Scalar placeholders for the sizes of configs like {@code config} (a radius iff it has one). */
  public static AdvSizes placeholders(Ops tf, AdvNeighborConfig config) {
    return new AdvSizes(scalar(tf.withName("adv_step_size")),
        config.pgdEpsilon().isPresent() ? scalar(tf.withName("pgd_epsilon")) : null);
  }

  private static Operand<TFloat32> scalar(Ops tf) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
  }
}
