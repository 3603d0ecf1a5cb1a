package org.nsl4j.keras.layers;

import org.nsl4j.keras.backend.CallContext;
import org.nsl4j.keras.initializers.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Normalizes the last axis, as Keras's {@code BatchNormalization}: with batch statistics during
 * training (updating the moving mean and variance by {@code momentum}), with the moving
 * statistics at inference.
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
    if (training) {
      int[] axes = new int[rank - 1];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      Operand<TInt32> reduce = tf.constant(axes);
      mean = tf.math.mean(input, reduce);
      variance = tf.math.mean(tf.math.squaredDifference(input, mean), reduce);
      Operand<TFloat32> keep = tf.constant(momentum);
      Operand<TFloat32> take = tf.constant(1f - momentum);
      CallContext ctx = CallContext.current();
      ctx.addUpdate(tf.assign(movingMean,
          tf.math.add(tf.math.mul(movingMean, keep), tf.math.mul(tf.stopGradient(mean), take))));
      ctx.addUpdate(tf.assign(movingVariance, tf.math.add(tf.math.mul(movingVariance, keep),
          tf.math.mul(tf.stopGradient(variance), take))));
    }
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, tf.constant(epsilon)));
    if (gamma != null) {
      inv = tf.math.mul(inv, gamma);
    }
    Operand<TFloat32> y = tf.math.mul(tf.math.sub(input, mean), inv);
    return beta != null ? tf.math.add(y, beta) : y;
  }
}
