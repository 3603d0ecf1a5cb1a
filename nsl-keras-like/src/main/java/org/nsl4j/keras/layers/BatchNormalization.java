package org.nsl4j.keras.layers;

import java.util.List;
import org.nsl4j.keras.backend.CallContext;
import org.nsl4j.keras.initializers.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Normalizes the last axis, as Keras's {@code BatchNormalization}.
 *
 * <p>In training mode it normalizes with the batch mean and the biased batch variance, and
 * updates {@code moving = momentum × moving + (1 − momentum) × batch statistic}. The moving
 * variance takes the unbiased batch variance ({@code × n/(n − 1)}, {@code n} values per channel)
 * for 4D and 5D inputs, as Keras 2's fused kernel does, and the biased one for other ranks, as
 * its non-fused path does (Keras 3 always takes the biased one). Every training-mode call updates
 * the statistics, in call order: an adversarial training step updates them from the clean batch,
 * then from each PGD step and from the neighbors, since NSL runs the base model in training mode
 * on them too. A frozen layer ({@code setTrainable(false)}) runs in inference mode, as in Keras.
 *
 * <p>In inference mode it normalizes with the moving statistics.
 */
public final class BatchNormalization extends Layer {

  private float momentum = 0.99f;
  private float epsilon = 1e-3f;
  private boolean center = true;
  private boolean scale = true;
  private Variable<TFloat32> gamma;
  private Variable<TFloat32> beta;
  private Variable<TFloat32> movingMean;
  private Variable<TFloat32> movingVariance;
  private int rank;

  public BatchNormalization() {
    this(null);
  }

  public BatchNormalization(String name) {
    super(name);
  }

  public BatchNormalization momentum(float momentum) {
    if (!(momentum >= 0f && momentum <= 1f)) {
      throw new IllegalArgumentException(
          "BatchNormalization momentum must be in [0, 1], got " + momentum);
    }
    this.momentum = momentum;
    return this;
  }

  public BatchNormalization epsilon(float epsilon) {
    if (!(epsilon > 0f && Float.isFinite(epsilon))) {
      throw new IllegalArgumentException(
          "BatchNormalization epsilon must be positive, got " + epsilon);
    }
    this.epsilon = epsilon;
    return this;
  }

  public BatchNormalization center(boolean center) {
    this.center = center;
    return this;
  }

  public BatchNormalization scale(boolean scale) {
    this.scale = scale;
    return this;
  }

  public float momentum() {
    return momentum;
  }

  public float epsilon() {
    return epsilon;
  }

  public boolean center() {
    return center;
  }

  public boolean scale() {
    return scale;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    if (inputShape.isUnknown() || inputShape.numDimensions() < 2
        || inputShape.size(inputShape.numDimensions() - 1) < 1) {
      throw new IllegalArgumentException(
          "BatchNormalization '" + name() + "' needs a known last axis, got " + inputShape);
    }
    rank = inputShape.numDimensions();
    Shape c = Shape.of(inputShape.size(rank - 1));
    if (scale) {
      gamma = addWeight("gamma", c, Initializers.get("ones"), true);
    }
    if (center) {
      beta = addWeight("beta", c, Initializers.get("zeros"), true);
    }
    movingMean = addWeight("moving_mean", c, Initializers.get("zeros"), false);
    movingVariance = addWeight("moving_variance", c, Initializers.get("ones"), false);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TFloat32> mean = movingMean;
    Operand<TFloat32> variance = movingVariance;
    if (training && isTrainable()) {
      int[] axes = new int[rank - 1];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      Operand<TInt32> reduce = tf.constant(axes);
      mean = tf.math.mean(input, reduce);
      variance = tf.math.mean(tf.math.squaredDifference(input, mean), reduce);
      updateMovingStatistics(tf, input, tf.stopGradient(mean), tf.stopGradient(variance));
    }
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, tf.constant(epsilon)));
    if (gamma != null) {
      inv = tf.math.mul(inv, gamma);
    }
    Operand<TFloat32> y = tf.math.mul(tf.math.sub(input, mean), inv);
    return beta != null ? tf.math.add(y, beta) : y;
  }

  /**
   * Adds the moving-average updates of this call to the step's updates, after those already
   * there, so that each reads the statistics the previous training-mode call wrote.
   */
  private void updateMovingStatistics(Ops tf, Operand<TFloat32> input, Operand<TFloat32> mean,
      Operand<TFloat32> biasedVariance) {
    CallContext ctx = CallContext.current();
    List<Op> earlier = List.copyOf(ctx.updates());
    Ops after = earlier.isEmpty() ? tf : tf.withControlDependencies(earlier);
    Operand<TFloat32> variance = biasedVariance;
    if (rank == 4 || rank == 5) {
      Operand<TFloat32> n = after.math.div(after.dtypes.cast(after.size(input), TFloat32.class),
          after.constant((float) input.shape().size(rank - 1)));
      Operand<TFloat32> nMinusOne =
          after.math.maximum(after.math.sub(n, after.constant(1f)), after.constant(1f));
      variance = after.math.mul(biasedVariance, after.math.div(n, nMinusOne));
    }
    ctx.addUpdate(movingAverage(after, movingMean, mean));
    ctx.addUpdate(movingAverage(after, movingVariance, variance));
  }

  private Op movingAverage(Ops tf, Variable<TFloat32> moving, Operand<TFloat32> batchValue) {
    return tf.assign(moving, tf.math.add(tf.math.mul(moving, tf.constant(momentum)),
        tf.math.mul(batchValue, tf.constant(1f - momentum))));
  }
}
