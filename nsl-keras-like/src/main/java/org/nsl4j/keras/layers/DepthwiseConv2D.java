package org.nsl4j.keras.layers;

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
public final class DepthwiseConv2D extends BaseDepthwiseConv<DepthwiseConv2D> {

  /** A square {@code kernelSize} window, no activation. */
  public DepthwiseConv2D(int kernelSize) {
    this(kernelSize, kernelSize, null, null);
  }

  /** Kernel height and width, activation and layer name (either may be null). */
  public DepthwiseConv2D(int kernelHeight, int kernelWidth, String activation, String name) {
    super(kernelHeight, kernelWidth, activation, name);
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    int[] k = kernelSize();
    long channels = channels(inputShape);
    addKernelAndBias("depthwise_kernel", Shape.of(k[0], k[1], channels, depthMultiplier()),
        channels * depthMultiplier());
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return activated(tf, activation(), depthwise(tf, input));
  }
}
