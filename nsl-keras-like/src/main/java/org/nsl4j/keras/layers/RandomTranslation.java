package org.nsl4j.keras.layers;

import java.util.Map;

/**
 * Shifts NHWC images at random during training, as Keras's {@code RandomTranslation}: by up to
 * {@code heightFactor} of the height and {@code widthFactor} of the width (each one value for ±,
 * or (lower, upper), fractions in [-1, 1]); the identity at inference. Training-time translation is
 * skipped with one warning (see {@link RandomTransform}).
 */
public final class RandomTranslation extends RandomTransform<RandomTranslation> {

  private final float[] heightFactor;
  private final float[] widthFactor;

  /** Shifts by up to the given fractions (one value each, ±). */
  public RandomTranslation(float heightFactor, float widthFactor) {
    this(new float[] {heightFactor}, new float[] {widthFactor}, null);
  }

  /** Height and width factors (one value or a pair each) and a layer name (may be null). */
  public RandomTranslation(float[] heightFactor, float[] widthFactor, String name) {
    super(name);
    this.heightFactor = checkedFactor("height_factor", 1f, heightFactor);
    this.widthFactor = checkedFactor("width_factor", 1f, widthFactor);
  }

  public float[] heightFactor() {
    return heightFactor.clone();
  }

  public float[] widthFactor() {
    return widthFactor.clone();
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height_factor", ConfigValues.numberOrList(heightFactor));
    config.put("width_factor", ConfigValues.numberOrList(widthFactor));
    return config;
  }
}
