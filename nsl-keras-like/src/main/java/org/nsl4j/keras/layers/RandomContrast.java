package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Scales the contrast of NHWC images at random during training, as Keras's {@code
 * RandomContrast}: each channel of each image becomes {@code (x - mean) · c + mean} (mean over
 * the image's pixels), c uniform in {@code [1 - lower, 1 + upper]} (lower = upper for one factor),
 * clipped to the value range; the identity at inference.
 */
public final class RandomContrast extends RandomColor<RandomContrast> {

  /** A factor in [0, 1]: one value, or (lower, upper). */
  public RandomContrast(float... factor) {
    this(factor, null);
  }

  /** The factor and a layer name (may be null). */
  public RandomContrast(float[] factor, String name) {
    super(factor, name);
    for (float f : factor) {
      Sizes.inRange("RandomContrast", "factor", f, 0f, 1f, true);
    }
  }

  @Override
  protected Operand<TFloat32> augment(Ops tf, Operand<TFloat32> input) {
    float[] f = factor();
    float lower = f[0];
    float upper = f.length == 1 ? f[0] : f[1];
    Operand<TFloat32> c = perImage(tf, input, 1f - lower, 1f + upper);
    Operand<TFloat32> mean =
        tf.math.mean(input, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
    return clipped(tf, tf.math.add(tf.math.mul(tf.math.sub(input, mean), c), mean));
  }
}
