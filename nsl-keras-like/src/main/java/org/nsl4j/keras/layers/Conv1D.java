package org.nsl4j.keras.layers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;

/**
 * 1D convolution over (batch, steps, channels) sequences, as Keras's {@code Conv1D}; padding
 * {@code valid}, {@code same} or {@code causal} (zeros on the left only, so that output step t
 * sees no input after t). Built as a 2D convolution of height 1.
 */
public final class Conv1D extends BaseConv<Conv1D> {

  private static final String CAUSAL = "CAUSAL";
  private final int filters;

  /** {@code filters} output channels, a window of {@code kernelSize} steps, no activation. */
  public Conv1D(int filters, int kernelSize) {
    this(filters, kernelSize, null, null);
  }

  /** {@code filters}, {@code kernelSize}, activation and layer name (either may be null). */
  public Conv1D(int filters, int kernelSize, String activation, String name) {
    super(1, new int[] {kernelSize}, activation, name);
    Sizes.check("Conv1D", "filters", 1, filters);
    this.filters = filters;
  }

  /** {@code "valid"} (default), {@code "same"} or {@code "causal"}. */
  @Override
  public Conv1D padding(String padding) {
    if (padding != null && padding.toUpperCase(Locale.ROOT).equals(CAUSAL)) {
      setPadding(CAUSAL);
      return this;
    }
    return super.padding(padding);
  }

  public int filters() {
    return filters;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    addKernelAndBias(Shape.of(kernelSize()[0], channels(inputShape), filters), filters);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TFloat32> x = input;
    String padding = tfPadding();
    if (padding.equals(CAUSAL)) {
      int left = (kernelSize()[0] - 1) * dilationRate()[0];
      x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {left, 0}, {0, 0}}), tf.constant(0f));
      padding = "VALID";
    }
    Shape k = kernel().shape();
    Operand<TFloat32> kernel2d =
        tf.reshape(kernel(), tf.constant(new long[] {1, k.size(0), k.size(1), k.size(2)}));
    Operand<TFloat32> y = Convolutions.conv2d(tf, tf.expandDims(x, tf.constant(1)), kernel2d,
        new int[] {1, strides()[0]}, new int[] {1, dilationRate()[0]}, padding);
    return activated(tf, activation(), tf.squeeze(y, Squeeze.axis(List.of(1L))));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("filters", filters);
    config.put("groups", 1);
    return kernelConfig(config, "kernel_initializer");
  }
}
