package org.nsl4j.keras.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Pads NHWC images with zero rows and columns, as Keras's {@code ZeroPadding2D}: {@code padding}
 * is one size (default 1), (height, width), or (top, bottom, left, right).
 */
public final class ZeroPadding2D extends Layer {

  private final int[] padding;

  /** One zero row and column on every side (Keras's default). */
  public ZeroPadding2D() {
    this(new int[] {1}, null);
  }

  /** The padding, as one size, (height, width) or (top, bottom, left, right). */
  public ZeroPadding2D(int... padding) {
    this(padding, null);
  }

  /** The padding and a layer name. */
  public ZeroPadding2D(int[] padding, String name) {
    super(name);
    this.padding = Sizes.sides("ZeroPadding2D", "padding", padding);
  }

  /** (top, bottom, left, right). */
  public int[] padding() {
    return padding.clone();
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    ImageShapes.check(this, inputShape);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    int[][] pads = {{0, 0}, {padding[0], padding[1]}, {padding[2], padding[3]}, {0, 0}};
    return tf.pad(input, tf.constant(pads), tf.constant(0f));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("padding", List.of(ConfigValues.ints(padding[0], padding[1]),
        ConfigValues.ints(padding[2], padding[3])));
    config.put("data_format", "channels_last");
    return config;
  }
}
