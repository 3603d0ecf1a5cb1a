package org.nsl4j.keras.layers;

import java.util.Map;
import org.nsl4j.keras.activations.Activations;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code x} where positive, else {@code negativeSlope · x}, as Keras's {@code LeakyReLU}
 * (Keras 3's {@code negative_slope}, tf.keras 2's {@code alpha}; default 0.3).
 */
public final class LeakyReLU extends Layer {

  private final float negativeSlope;

  /** Slope 0.3, Keras's default. */
  public LeakyReLU() {
    this(0.3f, null);
  }

  /** The given slope (>= 0) and layer name (may be null). */
  public LeakyReLU(float negativeSlope, String name) {
    super(name);
    this.negativeSlope = Sizes.inRange("LeakyReLU", "negative_slope", negativeSlope, 0f,
        Float.MAX_VALUE, true);
  }

  public float negativeSlope() {
    return negativeSlope;
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return Activations.leakyRelu(tf, input, negativeSlope);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("negative_slope", ConfigValues.number(negativeSlope));
    return config;
  }
}
