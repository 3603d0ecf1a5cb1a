package org.nsl4j.keras.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Crops rows and columns off the sides of NHWC images, as Keras's {@code Cropping2D}: {@code
 * cropping} is one size, (height, width), or (top, bottom, left, right); default none.
 */
public final class Cropping2D extends Layer {

  private final int[] cropping;
  private int[] size;

  /** No cropping (Keras's default). */
  public Cropping2D() {
    this(new int[] {0}, null);
  }

  /** The cropping, as one size, (height, width) or (top, bottom, left, right). */
  public Cropping2D(int... cropping) {
    this(cropping, null);
  }

  /** The cropping and a layer name. */
  public Cropping2D(int[] cropping, String name) {
    super(name);
    this.cropping = Sizes.sides("Cropping2D", "cropping", cropping);
  }

  /** (top, bottom, left, right). */
  public int[] cropping() {
    return cropping.clone();
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    long[] hw = ImageShapes.knownSize(this, inputShape);
    size = new int[] {-1, (int) hw[0] - cropping[0] - cropping[1],
        (int) hw[1] - cropping[2] - cropping[3], -1};
    if (size[1] < 1 || size[2] < 1) {
      throw new IllegalArgumentException("Cropping2D '" + name() + "' crops " + inputShape
          + " to nothing with cropping " + java.util.Arrays.toString(cropping));
    }
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    // int32 begin and size: Slice's C++ gradient fails on int64 ones
    return tf.slice(input, tf.constant(new int[] {0, cropping[0], cropping[2], 0}),
        tf.constant(size));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("cropping", List.of(ConfigValues.ints(cropping[0], cropping[1]),
        ConfigValues.ints(cropping[2], cropping[3])));
    config.put("data_format", "channels_last");
    return config;
  }
}
