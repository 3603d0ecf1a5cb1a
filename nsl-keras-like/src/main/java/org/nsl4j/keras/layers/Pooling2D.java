package org.nsl4j.keras.layers;

import java.util.Locale;
import java.util.Map;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/** Common configuration of 2D pooling layers: window, strides and padding. */
public abstract class Pooling2D extends Layer {

  private final int[] poolSize;
  private final int[] strides;
  private final String padding;

  protected Pooling2D(int poolHeight, int poolWidth, int strideHeight, int strideWidth,
      String padding, String name) {
    this(new int[] {poolHeight, poolWidth}, new int[] {strideHeight, strideWidth}, padding, name);
  }

  /** A window of {@code poolSize} (one size or two) moved by {@code strides} (one or two). */
  protected Pooling2D(int[] poolSize, int[] strides, String padding, String name) {
    super(name);
    this.poolSize = Sizes.pair(getClass().getSimpleName(), "pool_size", 1, poolSize);
    this.strides = Sizes.pair(getClass().getSimpleName(), "strides", 1, strides);
    this.padding = Padding.check(padding);
  }

  public int[] poolSize() {
    return poolSize.clone();
  }

  public int[] strides() {
    return strides.clone();
  }

  public String padding() {
    return padding.toLowerCase(Locale.ROOT);
  }

  /** TensorFlow's padding name. */
  protected String tfPadding() {
    return padding;
  }

  protected long[] window() {
    return new long[] {1, poolSize[0], poolSize[1], 1};
  }

  protected long[] stride() {
    return new long[] {1, strides[0], strides[1], 1};
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    ImageShapes.check(this, inputShape);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("pool_size", ConfigValues.ints(poolSize));
    config.put("padding", padding());
    config.put("strides", ConfigValues.ints(strides));
    config.put("data_format", "channels_last");
    return config;
  }
}
