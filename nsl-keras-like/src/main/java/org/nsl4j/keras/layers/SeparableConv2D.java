package org.nsl4j.keras.layers;

import java.util.Map;
import org.nsl4j.keras.initializers.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Depthwise separable 2D convolution, as Keras's {@code SeparableConv2D}: a depthwise convolution
 * (strides, padding and dilation apply here) followed by a 1×1 pointwise convolution to {@code
 * filters} channels. Weights: {@code depthwise_kernel}, {@code pointwise_kernel} of shape (1, 1,
 * channels × depthMultiplier, filters) and {@code bias}.
 */
public final class SeparableConv2D extends BaseDepthwiseConv<SeparableConv2D> {

  private final int filters;
  private String pointwiseInitializer = "glorot_uniform";
  private Variable<TFloat32> pointwiseKernel;

  /** {@code filters} output channels, square {@code kernelSize}, no activation. */
  public SeparableConv2D(int filters, int kernelSize) {
    this(filters, kernelSize, kernelSize, null, null);
  }

  /** Full form: kernel height and width, activation and layer name (either may be null). */
  public SeparableConv2D(int filters, int kernelHeight, int kernelWidth, String activation,
      String name) {
    super(kernelHeight, kernelWidth, activation, name);
    Sizes.check("SeparableConv2D", "filters", 1, filters);
    this.filters = filters;
  }

  /** The pointwise kernel's initializer by Keras name (default {@code glorot_uniform}). */
  public SeparableConv2D pointwiseInitializer(String name) {
    Initializers.get(name);
    this.pointwiseInitializer = name;
    return this;
  }

  public int filters() {
    return filters;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    int[] k = kernelSize();
    long channels = channels(inputShape);
    addKernel("depthwise_kernel", Shape.of(k[0], k[1], channels, depthMultiplier()));
    pointwiseKernel = addWeight("pointwise_kernel",
        Shape.of(1, 1, channels * depthMultiplier(), filters),
        Initializers.get(pointwiseInitializer), true);
    addBias(filters);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return activated(tf, activation(), Convolutions.conv2d(tf, depthwise(tf, input),
        pointwiseKernel, new int[] {1, 1}, new int[] {1, 1}, "VALID"));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("filters", filters);
    config.put("pointwise_initializer", pointwiseInitializer);
    return config;
  }
}
