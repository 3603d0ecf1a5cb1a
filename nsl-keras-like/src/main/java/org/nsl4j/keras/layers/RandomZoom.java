package org.nsl4j.keras.layers;

import java.util.Map;

/**
 * Zooms NHWC images at random during training, as Keras's {@code RandomZoom}: {@code heightFactor}
 * (one value for ±, or (lower, upper), fractions in [-1, 1]; negative zooms in) and an optional
 * {@code widthFactor} (null: the height's, keeping the aspect ratio); the identity at inference.
 * Training-time zoom is skipped with one warning (see {@link RandomTransform}).
 */
public final class RandomZoom extends RandomTransform<RandomZoom> {

  private final float[] heightFactor;
  private float[] widthFactor;

  /** Zooms by up to {@code heightFactor} in both directions. */
  public RandomZoom(float... heightFactor) {
    this(heightFactor, null);
  }

  /** The height factor and a layer name (may be null). */
  public RandomZoom(float[] heightFactor, String name) {
    super(name);
    this.heightFactor = checkedFactor("height_factor", 1f, heightFactor);
  }

  /** A separate width factor (default null: follow the height). */
  public RandomZoom widthFactor(float... widthFactor) {
    this.widthFactor = widthFactor == null ? null : checkedFactor("width_factor", 1f, widthFactor);
    return this;
  }

  public float[] heightFactor() {
    return heightFactor.clone();
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height_factor", ConfigValues.numberOrList(heightFactor));
    config.put("width_factor", widthFactor == null ? null : ConfigValues.numberOrList(widthFactor));
    return config;
  }
}
