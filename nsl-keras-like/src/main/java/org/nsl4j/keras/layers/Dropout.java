package org.nsl4j.keras.layers;

import org.nsl4j.keras.backend.CallContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Drops a fraction {@code rate} of inputs during training and scales the rest by
 * {@code 1/(1-rate)}; the identity at inference, as Keras's {@code Dropout}.
 */
public final class Dropout extends Layer {

  private final float rate;
  private int calls;

  public Dropout(float rate) {
    this(rate, null);
  }

  public Dropout(float rate, String name) {
    super(name);
    if (!(rate >= 0f && rate < 1f)) {
      throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  public float rate() {
    return rate;
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    if (!training || rate == 0f) {
      return tf.identity(input);
    }
    long seed = CallContext.current().backend().seedFor(name() + "/dropout" + calls++);
    Operand<TFloat32> u = tf.random.randomUniform(tf.shape(input), TFloat32.class,
        RandomUniform.seed(seed & Long.MAX_VALUE), RandomUniform.seed2(seed >>> 1));
    Operand<TFloat32> keep =
        tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class);
    return tf.math.mul(input, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
  }
}
