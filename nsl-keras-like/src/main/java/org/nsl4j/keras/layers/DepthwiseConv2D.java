package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Depthwise 2D convolution, as Keras's {@code DepthwiseConv2D}: each input channel is convolved
 * with its own {@code depthMultiplier} filters, giving {@code channels × depthMultiplier} outputs
 * (channel {@code c}'s filters first). Weights: {@code depthwise_kernel} of shape (height, width,
 * channels, depthMultiplier) and {@code bias}.
 */
public final class DepthwiseConv2D extends BaseConv<DepthwiseConv2D> {

  private int depthMultiplier = 1;

  /** A square {@code kernelSize} window, no activation. */
  public DepthwiseConv2D(int kernelSize) {
    this(kernelSize, kernelSize, null, null);
  }

  /** Kernel height and width, activation and layer name (either may be null). */
  public DepthwiseConv2D(int kernelHeight, int kernelWidth, String activation, String name) {
    super(2, new int[] {kernelHeight, kernelWidth}, activation, name);
  }

  /** Output channels per input channel (default 1). */
  public DepthwiseConv2D depthMultiplier(int depthMultiplier) {
    Sizes.check("DepthwiseConv2D", "depth_multiplier", 1, depthMultiplier);
    this.depthMultiplier = depthMultiplier;
    return this;
  }

  /** The depthwise kernel's initializer by Keras name (default {@code glorot_uniform}). */
  public DepthwiseConv2D depthwiseInitializer(String name) {
    return kernelInitializer(name);
  }

  public int depthMultiplier() {
    return depthMultiplier;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    int[] k = kernelSize();
    long channels = channels(inputShape);
    addKernelAndBias("depthwise_kernel", Shape.of(k[0], k[1], channels, depthMultiplier),
        channels * depthMultiplier);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return activated(tf, activation(),
        Convolutions.depthwise(tf, input, kernel(), strides(), dilationRate(), tfPadding()));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("depth_multiplier", depthMultiplier);
    return kernelConfig(config, "depthwise_initializer");
  }
}
