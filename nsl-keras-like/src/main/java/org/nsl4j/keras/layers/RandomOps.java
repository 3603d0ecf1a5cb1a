package org.nsl4j.keras.layers;

import org.nsl4j.keras.backend.CallContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The random draws of stochastic layers (noise, masks, augmentation): stateful TensorFlow ops, so
 * every training step draws anew, seeded reproducibly from the backend's seed and the layer's
 * name and call count. Each draw is wrapped in {@code StopGradient}: TensorFlow's C++ gradient
 * registry has no gradient for the random ops, and a backward pass from the output to the input
 * would otherwise reach them through the input's shape.
 */
final class RandomOps {

  private RandomOps() {}

  /** Uniform values in {@code [0, 1)} of {@code shape}; {@code purpose} must differ per call. */
  static Operand<TFloat32> uniform(Ops tf, Operand<TInt32> shape, String purpose) {
    long seed = CallContext.current().backend().seedFor(purpose);
    return tf.stopGradient(tf.random.randomUniform(shape, TFloat32.class,
        RandomUniform.seed(seed & Long.MAX_VALUE), RandomUniform.seed2(seed >>> 1)));
  }

  /** Uniform values in {@code [low, high)} of {@code shape}. */
  static Operand<TFloat32> uniform(Ops tf, Operand<TInt32> shape, float low, float high,
      String purpose) {
    return tf.math.add(tf.math.mul(uniform(tf, shape, purpose), tf.constant(high - low)),
        tf.constant(low));
  }

  /** Standard normal values of {@code shape}. */
  static Operand<TFloat32> normal(Ops tf, Operand<TInt32> shape, String purpose) {
    long seed = CallContext.current().backend().seedFor(purpose);
    return tf.stopGradient(tf.random.randomStandardNormal(shape, TFloat32.class,
        RandomStandardNormal.seed(seed & Long.MAX_VALUE), RandomStandardNormal.seed2(seed >>> 1)));
  }

  /** The shape {@code [batch, 1, ..., 1]} of rank {@code rank}: one draw per example. */
  static Operand<TInt32> perExample(Ops tf, Operand<TFloat32> x, int rank) {
    int[] ones = new int[rank - 1];
    java.util.Arrays.fill(ones, 1);
    return tf.concat(java.util.List.of(
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(ones)), tf.constant(0));
  }
}
