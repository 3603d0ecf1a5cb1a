package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The rectified linear unit with Keras's options, as Keras's {@code ReLU} layer: {@code f(x) =
 * min(x, maxValue)} for {@code x > threshold}, else {@code negativeSlope · (x - threshold)}
 * (defaults: no maximum, slope 0, threshold 0, i.e. plain {@code relu}).
 */
public final class ReLU extends Layer {

  private Float maxValue;
  private float negativeSlope;
  private float threshold;

  public ReLU() {
    this(null);
  }

  public ReLU(String name) {
    super(name);
  }

  /** Caps the output at {@code maxValue} (>= 0); null for no cap (default). */
  public ReLU maxValue(Float maxValue) {
    if (maxValue != null) {
      Sizes.inRange("ReLU", "max_value", maxValue, 0f, Float.MAX_VALUE, true);
    }
    this.maxValue = maxValue;
    return this;
  }

  /** The slope below the threshold (>= 0, default 0). */
  public ReLU negativeSlope(float negativeSlope) {
    this.negativeSlope = Sizes.inRange("ReLU", "negative_slope", negativeSlope, 0f,
        Float.MAX_VALUE, true);
    return this;
  }

  /** The value below which the output is {@code negativeSlope · (x - threshold)} (default 0). */
  public ReLU threshold(float threshold) {
    this.threshold = Sizes.inRange("ReLU", "threshold", threshold, -Float.MAX_VALUE,
        Float.MAX_VALUE, true);
    return this;
  }

  public Float maxValue() {
    return maxValue;
  }

  public float negativeSlope() {
    return negativeSlope;
  }

  public float threshold() {
    return threshold;
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TFloat32> t = tf.constant(threshold);
    Operand<TFloat32> y = threshold == 0f ? tf.nn.relu(input)
        : tf.math.mul(input, tf.dtypes.cast(tf.math.greater(input, t), TFloat32.class));
    if (maxValue != null) {
      y = tf.clipByValue(y, tf.constant(0f), tf.constant(maxValue));
    }
    if (negativeSlope != 0f) {
      y = tf.math.sub(y,
          tf.math.mul(tf.constant(negativeSlope), tf.nn.relu(tf.math.sub(t, input))));
    }
    return y;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("max_value", maxValue == null ? null : ConfigValues.number(maxValue));
    config.put("negative_slope", ConfigValues.number(negativeSlope));
    config.put("threshold", ConfigValues.number(threshold));
    return config;
  }
}
