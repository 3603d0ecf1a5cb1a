package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Shifts the brightness of NHWC images at random during training, as Keras's {@code
 * RandomBrightness}: each image gets {@code δ · (high - low)} added, δ uniform in the factor's
 * range ({@code ±factor} for one value), and is clipped to the value range; the identity at
 * inference.
 */
public final class RandomBrightness extends RandomColor<RandomBrightness> {

  /** A factor in [-1, 1]: one value (±factor) or (lower, upper). */
  public RandomBrightness(float... factor) {
    this(factor, null);
  }

  /** The factor and a layer name (may be null). */
  public RandomBrightness(float[] factor, String name) {
    super(factor, name);
    for (float f : factor) {
      Sizes.inRange("RandomBrightness", "factor", f, -1f, 1f, true);
    }
  }

  @Override
  protected Operand<TFloat32> augment(Ops tf, Operand<TFloat32> input) {
    float[] f = factor();
    float low = f.length == 1 ? -Math.abs(f[0]) : Math.min(f[0], f[1]);
    float high = f.length == 1 ? Math.abs(f[0]) : Math.max(f[0], f[1]);
    float[] range = valueRange();
    Operand<TFloat32> delta = tf.math.mul(perImage(tf, input, low, high),
        tf.constant(range[1] - range[0]));
    return clipped(tf, tf.math.add(input, delta));
  }
}
