package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The shared options of {@code RandomBrightness} and {@code RandomContrast}: a {@code factor}
 * (one value or a pair) and the {@code valueRange} the images' values lie in (default [0, 255]),
 * to which training outputs are clipped.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
public abstract class RandomColor<L extends RandomColor<L>> extends RandomAugmentation<L> {

  private final float[] factor;
  private float[] valueRange = {0f, 255f};

  protected RandomColor(float[] factor, String name) {
    super(name);
    if (factor.length != 1 && factor.length != 2) {
      throw new IllegalArgumentException(getClass().getSimpleName()
          + " factor takes one value or two, got " + factor.length);
    }
    this.factor = factor.clone();
  }

  /** The range of the images' values (default [0, 255]). */
  @SuppressWarnings("unchecked")
  public L valueRange(float low, float high) {
    if (!(low < high)) {
      throw new IllegalArgumentException(getClass().getSimpleName()
          + " value_range must be increasing, got [" + low + ", " + high + "]");
    }
    this.valueRange = new float[] {low, high};
    return (L) this;
  }

  public float[] factor() {
    return factor.clone();
  }

  public float[] valueRange() {
    return valueRange.clone();
  }

  /** {@code x} clipped to the value range. */
  protected final Operand<TFloat32> clipped(Ops tf, Operand<TFloat32> x) {
    return tf.clipByValue(x, tf.constant(valueRange[0]), tf.constant(valueRange[1]));
  }

  /** One value per example of {@code x}, uniform in {@code [low, high)}, as (batch, 1, 1, 1). */
  protected final Operand<TFloat32> perImage(Ops tf, Operand<TFloat32> x, float low, float high) {
    return RandomOps.uniform(tf, RandomOps.perExample(tf, x, 4), low, high, nextDraw());
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("factor", ConfigValues.numberOrList(factor));
    config.put("value_range", ConfigValues.numbers(valueRange));
    return config;
  }
}
