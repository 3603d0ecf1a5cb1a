package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Resizes NHWC images to {@code height × width}, as Keras's {@code Resizing} preprocessing layer:
 * {@code bilinear} (default) or {@code nearest} interpolation as {@code tf.image.resize}; with
 * {@code cropToAspectRatio} the largest centred window of the target aspect ratio is resized, so
 * nothing is distorted.
 */
public final class Resizing extends Layer {

  private final int height;
  private final int width;
  private String interpolation = "bilinear";
  private boolean cropToAspectRatio;

  /** Resizes to {@code height × width}. */
  public Resizing(int height, int width) {
    this(height, width, null);
  }

  /** Resizes to {@code height × width}, with a layer name. */
  public Resizing(int height, int width, String name) {
    super(name);
    Sizes.check("Resizing", "height and width", 1, height, width);
    this.height = height;
    this.width = width;
  }

  /** {@code "bilinear"} (default) or {@code "nearest"}. */
  public Resizing interpolation(String interpolation) {
    this.interpolation = ImageResize.checkInterpolation("Resizing", interpolation);
    return this;
  }

  /** Crops to the target aspect ratio before resizing (default false). */
  public Resizing cropToAspectRatio(boolean cropToAspectRatio) {
    this.cropToAspectRatio = cropToAspectRatio;
    return this;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    ImageShapes.knownSize(this, inputShape);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TFloat32> x =
        cropToAspectRatio ? ImageResize.cropToAspectRatio(tf, input, height, width) : input;
    return ImageResize.resize(tf, x, height, width, interpolation);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height", height);
    config.put("width", width);
    config.put("interpolation", interpolation);
    config.put("crop_to_aspect_ratio", cropToAspectRatio);
    config.put("data_format", "channels_last");
    return config;
  }
}
