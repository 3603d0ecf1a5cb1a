package org.nsl4j.keras.layers;

import java.util.Locale;
import java.util.Map;
import org.nsl4j.keras.activations.Activations;
import org.tensorflow.ndarray.Shape;

/**
 * The Keras options every convolution shares ({@code Conv1D}, {@code Conv2D}, {@code
 * DepthwiseConv2D}, {@code SeparableConv2D}): kernel size, {@code strides}, {@code padding},
 * {@code dilationRate} and activation, over channels-last inputs. A stride and a dilation above 1
 * cannot be combined, as in Keras.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
public abstract class BaseConv<L extends BaseConv<L>> extends KernelLayer<L> {

  private final int rank;
  private final int[] kernelSize;
  private int[] strides;
  private int[] dilationRate;
  private String padding = "VALID";
  private final String activation;

  /** A convolution over {@code rank} spatial dimensions (1 or 2). */
  protected BaseConv(int rank, int[] kernelSize, String activation, String name) {
    super(name);
    this.rank = rank;
    this.kernelSize = sizes("kernel_size", 1, kernelSize);
    this.strides = sizes("strides", 1, 1);
    this.dilationRate = sizes("dilation_rate", 1, 1);
    this.activation = Activations.checked(activation);
  }

  @SuppressWarnings("unchecked")
  private L self() {
    return (L) this;
  }

  /** The stride, one for every spatial dimension or one per dimension (default 1). */
  public L strides(int... strides) {
    int[] checked = sizes("strides", 1, strides);
    checkCombination(checked, dilationRate);
    this.strides = checked;
    return self();
  }

  /** The dilation rate (atrous convolution), one for all or one per dimension (default 1). */
  public L dilationRate(int... dilationRate) {
    int[] checked = sizes("dilation_rate", 1, dilationRate);
    checkCombination(strides, checked);
    this.dilationRate = checked;
    return self();
  }

  /** {@code "valid"} (default) or {@code "same"}. */
  public L padding(String padding) {
    this.padding = Padding.check(padding);
    return self();
  }

  /** Sets TensorFlow's padding name ({@code VALID}, {@code SAME} or a layer's own). */
  protected final void setPadding(String tfPadding) {
    this.padding = tfPadding;
  }

  public int[] kernelSize() {
    return kernelSize.clone();
  }

  public int[] strides() {
    return strides.clone();
  }

  public int[] dilationRate() {
    return dilationRate.clone();
  }

  public String padding() {
    return padding.toLowerCase(Locale.ROOT);
  }

  /** TensorFlow's padding name. */
  protected final String tfPadding() {
    return padding;
  }

  public String activation() {
    return activation;
  }

  /** The input's channel count; fails unless the input is (batch, spatial..., channels). */
  protected final long channels(Shape inputShape) {
    if (inputShape.numDimensions() != rank + 2 || inputShape.size(rank + 1) < 1) {
      throw new IllegalArgumentException(className() + " '" + name() + "' expects inputs of shape"
          + (rank == 1 ? " (batch, steps, channels)" : " (batch, height, width, channels)")
          + ", got " + inputShape);
    }
    return inputShape.size(rank + 1);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("kernel_size", ConfigValues.ints(kernelSize));
    config.put("strides", ConfigValues.ints(strides));
    config.put("padding", padding());
    config.put("data_format", "channels_last");
    config.put("dilation_rate", ConfigValues.ints(dilationRate));
    config.put("activation", activation);
    return config;
  }

  private int[] sizes(String argument, int min, int... values) {
    if (rank == 2) {
      return Sizes.pair(className(), argument, min, values);
    }
    if (values.length != 1) {
      throw new IllegalArgumentException(
          className() + " " + argument + " takes one size, got " + values.length);
    }
    Sizes.check(className(), argument, min, values);
    return values.clone();
  }

  private void checkCombination(int[] strides, int[] dilation) {
    for (int i = 0; i < strides.length; i++) {
      if (strides[i] > 1 && dilation[i] > 1) {
        throw new IllegalArgumentException(className() + " cannot combine strides > 1 with"
            + " dilation_rate > 1, got strides " + java.util.Arrays.toString(strides)
            + " and dilation_rate " + java.util.Arrays.toString(dilation));
      }
    }
  }
}
