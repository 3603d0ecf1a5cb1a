package org.nsl4j.keras.layers;

import java.util.List;
import java.util.Locale;
import org.nsl4j.keras.activations.Activations;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** 2D convolution over NHWC images, as Keras's {@code Conv2D}. */
public final class Conv2D extends KernelLayer<Conv2D> {

  private final int filters;
  private final int kernelHeight;
  private final int kernelWidth;
  private int strideHeight = 1;
  private int strideWidth = 1;
  private String padding = "VALID";
  private String activation = "linear";

  /** {@code filters} output channels, square {@code kernelSize}, no activation. */
  public Conv2D(int filters, int kernelSize) {
    this(filters, kernelSize, kernelSize, null, null);
  }

  /** {@code filters} output channels, square {@code kernelSize}, the named activation. */
  public Conv2D(int filters, int kernelSize, String activation) {
    this(filters, kernelSize, kernelSize, activation, null);
  }

  /** Full form: kernel height and width, activation and layer name (either may be null). */
  public Conv2D(int filters, int kernelHeight, int kernelWidth, String activation, String name) {
    super(name);
    if (filters < 1 || kernelHeight < 1 || kernelWidth < 1) {
      throw new IllegalArgumentException(
          "Conv2D filters and kernel size must be positive, got filters=" + filters
              + ", kernel=" + kernelHeight + "x" + kernelWidth);
    }
    this.filters = filters;
    this.kernelHeight = kernelHeight;
    this.kernelWidth = kernelWidth;
    this.activation = Activations.checked(activation);
  }

  /** Stride in both spatial dimensions (default 1). */
  public Conv2D strides(int stride) {
    if (stride < 1) {
      throw new IllegalArgumentException("Conv2D strides must be positive, got " + stride);
    }
    this.strideHeight = stride;
    this.strideWidth = stride;
    return this;
  }

  /** {@code "valid"} (default) or {@code "same"}. */
  public Conv2D padding(String padding) {
    this.padding = Padding.check(padding);
    return this;
  }

  public int filters() {
    return filters;
  }

  public String activation() {
    return activation;
  }

  public String padding() {
    return padding.toLowerCase(Locale.ROOT);
  }

  public int[] kernelSize() {
    return new int[] {kernelHeight, kernelWidth};
  }

  public int[] strides() {
    return new int[] {strideHeight, strideWidth};
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    if (inputShape.numDimensions() != 4 || inputShape.size(3) < 1) {
      throw new IllegalArgumentException(
          "Conv2D '" + name() + "' expects inputs of shape (batch, height, width, channels),"
              + " got " + inputShape);
    }
    long channels = inputShape.size(3);
    addKernelAndBias(Shape.of(kernelHeight, kernelWidth, channels, filters), filters);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TFloat32> y = tf.nn.conv2d(input, kernel(),
        List.of(1L, (long) strideHeight, (long) strideWidth, 1L), padding);
    return Activations.get(activation).apply(tf, withBias(tf, y));
  }
}
