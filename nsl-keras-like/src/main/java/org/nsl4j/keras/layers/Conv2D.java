package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** 2D convolution over NHWC images, as Keras's {@code Conv2D}. */
public final class Conv2D extends BaseConv<Conv2D> {

  private final int filters;

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
    super(2, new int[] {kernelHeight, kernelWidth}, activation, name);
    Sizes.check("Conv2D", "filters", 1, filters);
    this.filters = filters;
  }

  public int filters() {
    return filters;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    int[] k = kernelSize();
    addKernelAndBias(Shape.of(k[0], k[1], channels(inputShape), filters), filters);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return activated(tf, activation(),
        Convolutions.conv2d(tf, input, kernel(), strides(), dilationRate(), tfPadding()));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("filters", filters);
    config.put("groups", 1);
    return kernelConfig(config, "kernel_initializer");
  }
}
