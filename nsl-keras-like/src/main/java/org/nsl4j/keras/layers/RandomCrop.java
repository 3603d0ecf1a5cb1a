package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Crops NHWC images to {@code height × width}, as Keras's {@code RandomCrop}: in training, at one
 * random place for the batch when the images are larger in both dimensions; at inference (and
 * for images that are not larger), the largest centred window of the target aspect ratio resized
 * bilinearly (the identity when the images already have the target size).
 */
public final class RandomCrop extends RandomAugmentation<RandomCrop> {

  private final int height;
  private final int width;

  /** Crops to {@code height × width}. */
  public RandomCrop(int height, int width) {
    this(height, width, null);
  }

  /** Crops to {@code height × width}, with a layer name. */
  public RandomCrop(int height, int width, String name) {
    super(name);
    Sizes.check("RandomCrop", "height and width", 1, height, width);
    this.height = height;
    this.width = width;
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
  protected Operand<TFloat32> infer(Ops tf, Operand<TFloat32> input) {
    return ImageResize.resize(tf, ImageResize.cropToAspectRatio(tf, input, height, width), height,
        width, "bilinear");
  }

  @Override
  protected Operand<TFloat32> augment(Ops tf, Operand<TFloat32> input) {
    long inHeight = input.shape().size(1);
    long inWidth = input.shape().size(2);
    if (inHeight <= height || inWidth <= width) {
      return infer(tf, input);
    }
    Operand<TFloat32> u = RandomOps.uniform(tf, tf.constant(new int[] {2}), nextDraw());
    Operand<TFloat32> room = tf.constant(new float[] {inHeight - height + 1, inWidth - width + 1});
    Operand<TInt32> start = tf.math.minimum(tf.dtypes.cast(tf.math.mul(u, room), TInt32.class),
        tf.constant(new int[] {(int) (inHeight - height), (int) (inWidth - width)}));
    Operand<TInt32> begin = tf.concat(java.util.List.of(tf.constant(new int[] {0}), start,
        tf.constant(new int[] {0})), tf.constant(0));
    int channels = (int) input.shape().size(3);
    return tf.slice(input, begin, tf.constant(new int[] {-1, height, width, channels}));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height", height);
    config.put("width", width);
    config.put("data_format", "channels_last");
    return config;
  }
}
