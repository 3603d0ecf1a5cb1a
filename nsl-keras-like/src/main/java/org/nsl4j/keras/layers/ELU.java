package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The exponential linear unit, as Keras's {@code ELU} layer: {@code x} where positive, else
 * {@code alpha · (exp(x) - 1)} (default alpha 1).
 */
public final class ELU extends Layer {

  private final float alpha;

  /** Alpha 1, Keras's default. */
  public ELU() {
    this(1f, null);
  }

  /** The given alpha and layer name (may be null). */
  public ELU(float alpha, String name) {
    super(name);
    this.alpha = alpha;
  }

  public float alpha() {
    return alpha;
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TFloat32> elu = tf.nn.elu(input);
    if (alpha == 1f) {
      return elu;
    }
    return tf.select(tf.math.greater(input, tf.constant(0f)), elu,
        tf.math.mul(tf.constant(alpha), elu));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("alpha", ConfigValues.number(alpha));
    return config;
  }
}
