package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The depthwise part shared by {@code DepthwiseConv2D} and {@code SeparableConv2D}: a {@code
 * depthwise_kernel} of shape (height, width, channels, {@code depthMultiplier}) applied to each
 * channel on its own, with the strides, padding and dilation of {@link BaseConv}.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
public abstract class BaseDepthwiseConv<L extends BaseDepthwiseConv<L>> extends BaseConv<L> {

  private int depthMultiplier = 1;

  protected BaseDepthwiseConv(int kernelHeight, int kernelWidth, String activation,
      String name) {
    super(2, new int[] {kernelHeight, kernelWidth}, activation, name);
  }

  /** Depthwise output channels per input channel (default 1). */
  @SuppressWarnings("unchecked")
  public L depthMultiplier(int depthMultiplier) {
    Sizes.check(className(), "depth_multiplier", 1, depthMultiplier);
    this.depthMultiplier = depthMultiplier;
    return (L) this;
  }

  /** The depthwise kernel's initializer by Keras name (default {@code glorot_uniform}). */
  public L depthwiseInitializer(String name) {
    return kernelInitializer(name);
  }

  public int depthMultiplier() {
    return depthMultiplier;
  }

  /** The depthwise convolution of {@code x} with the kernel (no bias, no activation). */
  protected final Operand<TFloat32> depthwise(Ops tf, Operand<TFloat32> x) {
    return Convolutions.depthwise(tf, x, kernel(), strides(), dilationRate(), tfPadding());
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("depth_multiplier", depthMultiplier);
    return kernelConfig(config, "depthwise_initializer");
  }
}
