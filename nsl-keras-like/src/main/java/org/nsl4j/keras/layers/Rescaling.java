package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code x · scale + offset}, as Keras's {@code Rescaling} preprocessing layer (e.g. scale 1/255
 * for pixels in [0, 255]); {@code scale} and {@code offset} are one value or one per channel.
 */
public final class Rescaling extends Layer {

  private final float[] scale;
  private float[] offset = {0f};

  /** Multiplies by {@code scale} (one value, or one per channel). */
  public Rescaling(float... scale) {
    this(scale, null);
  }

  /** Multiplies by {@code scale}, with a layer name. */
  public Rescaling(float[] scale, String name) {
    super(name);
    if (scale.length == 0) {
      throw new IllegalArgumentException("Rescaling needs a scale");
    }
    this.scale = scale.clone();
  }

  /** Adds {@code offset} after scaling (default 0; one value, or one per channel). */
  public Rescaling offset(float... offset) {
    if (offset.length == 0) {
      throw new IllegalArgumentException("Rescaling offset needs a value");
    }
    this.offset = offset.clone();
    return this;
  }

  public float[] scale() {
    return scale.clone();
  }

  public float[] offset() {
    return offset.clone();
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return tf.math.add(tf.math.mul(input, constant(tf, scale)), constant(tf, offset));
  }

  private static Operand<TFloat32> constant(Ops tf, float[] values) {
    return values.length == 1 ? tf.constant(values[0]) : tf.constant(values);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("scale", ConfigValues.numberOrList(scale));
    config.put("offset", ConfigValues.numberOrList(offset));
    return config;
  }
}
