package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adds zero-mean Gaussian noise of {@code stddev} during training; the identity at inference, as
 * Keras's {@code GaussianNoise}.
 */
public final class GaussianNoise extends Layer {

  private final float stddev;
  private int calls;

  public GaussianNoise(float stddev) {
    this(stddev, null);
  }

  public GaussianNoise(float stddev, String name) {
    super(name);
    this.stddev = Sizes.inRange("GaussianNoise", "stddev", stddev, 0f, Float.MAX_VALUE, true);
  }

  public float stddev() {
    return stddev;
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    if (!training || stddev == 0f) {
      return input;
    }
    Operand<TFloat32> noise =
        RandomOps.normal(tf, tf.shape(input), name() + "/gaussian_noise" + calls++);
    return tf.math.add(input, tf.math.mul(noise, tf.constant(stddev)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("stddev", ConfigValues.number(stddev));
    config.put("seed", null);
    return config;
  }
}
