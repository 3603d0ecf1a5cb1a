package org.nsl4j.keras.layers;

import java.util.Map;

/**
 * Rotates NHWC images at random during training by a fraction {@code factor} of 2π (one value
 * for ±factor, or (lower, upper)), as Keras's {@code RandomRotation}; the identity at inference.
 * Training-time rotation is skipped with one warning (see {@link RandomTransform}).
 */
public final class RandomRotation extends RandomTransform<RandomRotation> {

  private final float[] factor;

  /** Rotations by up to {@code factor} of a full turn. */
  public RandomRotation(float... factor) {
    this(factor, null);
  }

  /** The factor and a layer name (may be null). */
  public RandomRotation(float[] factor, String name) {
    super(name);
    this.factor = checkedFactor("factor", Float.MAX_VALUE, factor);
  }

  public float[] factor() {
    return factor.clone();
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("factor", ConfigValues.numberOrList(factor));
    return config;
  }
}
