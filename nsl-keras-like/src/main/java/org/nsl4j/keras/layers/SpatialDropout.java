package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Drops whole channels during training ({@code SpatialDropout1D}, {@code 2D}): each example's
 * channel is zeroed with probability {@code rate} across all positions, the rest scaled by {@code
 * 1/(1-rate)}; the identity at inference.
 */
public abstract class SpatialDropout extends Layer {

  private final int spatialRank;
  private final float rate;
  private int calls;

  protected SpatialDropout(int spatialRank, float rate, String name) {
    super(name);
    this.spatialRank = spatialRank;
    this.rate = Sizes.inRange(getClass().getSimpleName(), "rate", rate, 0f, 1f, false);
  }

  public float rate() {
    return rate;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    ImageShapes.checkRank(this, inputShape, spatialRank);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    if (!training || rate == 0f) {
      return input;
    }
    Operand<TInt32> shape = tf.shape(input);
    int[] ones = new int[spatialRank];
    java.util.Arrays.fill(ones, 1);
    Operand<TInt32> noiseShape = tf.concat(java.util.List.of(
        tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(ones),
        tf.slice(shape, tf.constant(new int[] {spatialRank + 1}), tf.constant(new int[] {1}))),
        tf.constant(0));
    Operand<TFloat32> u = RandomOps.uniform(tf, noiseShape, name() + "/spatial_dropout" + calls++);
    Operand<TFloat32> keep =
        tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class);
    return tf.math.mul(input, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("rate", ConfigValues.number(rate));
    config.put("seed", null);
    return config;
  }
}
