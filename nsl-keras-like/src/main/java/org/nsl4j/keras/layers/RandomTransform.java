package org.nsl4j.keras.layers;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shared options of the geometric augmentations ({@code RandomRotation}, {@code RandomZoom},
 * {@code RandomTranslation}): {@code fillMode} ({@code reflect} default, {@code wrap}, {@code
 * constant}, {@code nearest}), {@code interpolation} ({@code bilinear} default, {@code nearest})
 * and {@code fillValue} (0). They are the identity at inference; their training-time transform
 * needs TensorFlow's {@code ImageProjectiveTransformV3}, which has no gradient in TensorFlow Java
 * 1.1.0, so it is skipped with one warning.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
public abstract class RandomTransform<L extends RandomTransform<L>> extends RandomAugmentation<L> {

  private static final Set<String> FILL_MODES = Set.of("reflect", "wrap", "constant", "nearest");

  private String fillMode = "reflect";
  private String interpolation = "bilinear";
  private float fillValue;

  protected RandomTransform(String name) {
    super(name);
  }

  @SuppressWarnings("unchecked")
  private L self() {
    return (L) this;
  }

  /** How points outside the image are filled (default {@code reflect}). */
  public L fillMode(String fillMode) {
    String m = fillMode == null ? "" : fillMode.toLowerCase(Locale.ROOT);
    if (!FILL_MODES.contains(m)) {
      throw new IllegalArgumentException(className() + " fill_mode must be one of "
          + FILL_MODES + ", got '" + fillMode + "'");
    }
    this.fillMode = m;
    return self();
  }

  /** {@code bilinear} (default) or {@code nearest}. */
  public L interpolation(String interpolation) {
    this.interpolation = ImageResize.checkInterpolation(className(), interpolation);
    return self();
  }

  /** The value filled in with {@code fillMode} {@code constant} (default 0). */
  public L fillValue(float fillValue) {
    this.fillValue = fillValue;
    return self();
  }

  /** Checks one factor or a (lower, upper) pair, each in {@code [-limit, limit]}. */
  protected final float[] checkedFactor(String argument, float limit, float... factor) {
    if (factor.length != 1 && factor.length != 2) {
      throw new IllegalArgumentException(className() + " " + argument
          + " takes one value or two, got " + factor.length);
    }
    for (float f : factor) {
      Sizes.inRange(className(), argument, f, -limit, limit, true);
    }
    return factor.clone();
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("fill_mode", fillMode);
    config.put("interpolation", interpolation);
    config.put("fill_value", ConfigValues.number(fillValue));
    config.put("data_format", "channels_last");
    return config;
  }
}
