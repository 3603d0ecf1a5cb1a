package org.nsl4j.keras.layers;

import java.util.Map;
import org.nsl4j.keras.initializers.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Normalizes each example over {@code axis} (default the last), as Keras's {@code
 * LayerNormalization}: {@code (x - mean) / sqrt(variance + epsilon) · gamma + beta}, with the
 * example's own (biased) mean and variance in training and inference alike. Weights {@code gamma}
 * and {@code beta} have the sizes of the normalized axes.
 */
public final class LayerNormalization extends Layer {

  private int[] axis = {-1};
  private float epsilon = 1e-3f;
  private boolean center = true;
  private boolean scale = true;
  private int[] axes;
  private long[] broadcast;
  private Variable<TFloat32> gamma;
  private Variable<TFloat32> beta;

  public LayerNormalization() {
    this(null);
  }

  public LayerNormalization(String name) {
    super(name);
  }

  /** The normalized axes (default -1); negative counts from the end. */
  public LayerNormalization axis(int... axis) {
    if (axis.length == 0) {
      throw new IllegalArgumentException("LayerNormalization needs at least one axis");
    }
    this.axis = axis.clone();
    return this;
  }

  /** Added to the variance (default 1e-3). */
  public LayerNormalization epsilon(float epsilon) {
    this.epsilon = Sizes.inRange("LayerNormalization", "epsilon", epsilon, 0f, Float.MAX_VALUE,
        true);
    return this;
  }

  /** Whether to add {@code beta} (default true). */
  public LayerNormalization center(boolean center) {
    this.center = center;
    return this;
  }

  /** Whether to multiply by {@code gamma} (default true). */
  public LayerNormalization scale(boolean scale) {
    this.scale = scale;
    return this;
  }

  public int[] axis() {
    return axis.clone();
  }

  public float epsilon() {
    return epsilon;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    axes = Axes.resolve(this, axis, inputShape);
    broadcast = Axes.broadcastShape(inputShape, axes);
    broadcast[0] = 1;
    Shape param = Shape.of(Axes.sizes(inputShape, axes));
    if (scale) {
      gamma = addWeight("gamma", param, Initializers.get("ones"), true);
    }
    if (center) {
      beta = addWeight("beta", param, Initializers.get("zeros"), true);
    }
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TInt32> over = tf.constant(axes);
    Operand<TFloat32> mean = tf.math.mean(input, over, Mean.keepDims(true));
    Operand<TFloat32> variance =
        tf.math.mean(tf.math.squaredDifference(input, mean), over, Mean.keepDims(true));
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, tf.constant(epsilon)));
    if (gamma != null) {
      inv = tf.math.mul(inv, tf.reshape(gamma, tf.constant(broadcast)));
    }
    Operand<TFloat32> y = tf.math.mul(tf.math.sub(input, mean), inv);
    return beta == null ? y : tf.math.add(y, tf.reshape(beta, tf.constant(broadcast)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis.length == 1 ? (Object) axis[0] : ConfigValues.ints(axis));
    config.put("epsilon", ConfigValues.number(epsilon));
    config.put("center", center);
    config.put("scale", scale);
    config.put("rms_scaling", false);
    return config;
  }
}
