package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Repeats the rows and columns of NHWC images {@code size} times (default 2×2), as Keras's {@code
 * UpSampling2D}: {@code nearest} (default) repeats each pixel, {@code bilinear} interpolates as
 * {@code tf.image.resize} does.
 */
public final class UpSampling2D extends Layer {

  private final int[] size;
  private final String interpolation;
  private long[] inputSize;

  /** 2×2 nearest-neighbour upsampling (Keras's defaults). */
  public UpSampling2D() {
    this(new int[] {2}, "nearest", null);
  }

  /** {@code size} as one factor or (rows, columns), nearest neighbour. */
  public UpSampling2D(int... size) {
    this(size, "nearest", null);
  }

  /** Factors, interpolation ({@code nearest} or {@code bilinear}) and a layer name. */
  public UpSampling2D(int[] size, String interpolation, String name) {
    super(name);
    this.size = Sizes.pair("UpSampling2D", "size", 1, size);
    this.interpolation = ImageResize.checkInterpolation("UpSampling2D", interpolation);
  }

  public int[] size() {
    return size.clone();
  }

  public String interpolation() {
    return interpolation;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    long[] hw = ImageShapes.knownSize(this, inputShape);
    if (inputShape.size(3) < 0) {
      throw new IllegalArgumentException(
          "UpSampling2D '" + name() + "' needs a known channel count, got " + inputShape);
    }
    inputSize = new long[] {hw[0], hw[1], inputShape.size(3)};
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    long h = inputSize[0];
    long w = inputSize[1];
    long c = inputSize[2];
    if (interpolation.equals("bilinear")) {
      return ImageResize.resize(tf, input, h * size[0], w * size[1], interpolation);
    }
    // Repeats by broadcasting against ones: Mul's gradient sums the copies back.
    Operand<TFloat32> x = tf.reshape(input, tf.constant(new long[] {-1, h, 1, w, 1, c}));
    Operand<TFloat32> ones = tf.fill(tf.constant(new long[] {1, 1, size[0], 1, size[1], 1}),
        tf.constant(1f));
    return tf.reshape(tf.math.mul(x, ones),
        tf.constant(new long[] {-1, h * size[0], w * size[1], c}));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("size", ConfigValues.ints(size));
    config.put("data_format", "channels_last");
    config.put("interpolation", interpolation);
    return config;
  }
}
