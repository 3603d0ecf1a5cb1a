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
 * Common configuration of 1D pooling layers over (batch, steps, channels): window, strides and
 * padding. Built as 2D pooling over (batch, steps, 1, channels), as Keras 2 does.
 */
public abstract class Pooling1D extends Layer {

  private final int poolSize;
  private final int strides;
  private final String padding;

  /** A window of {@code poolSize} steps moved by {@code strides}, padding valid or same. */
  protected Pooling1D(int poolSize, int strides, String padding, String name) {
    super(name);
    Sizes.check(getClass().getSimpleName(), "pool_size and strides", 1, poolSize, strides);
    this.poolSize = poolSize;
    this.strides = strides;
    this.padding = Padding.check(padding);
  }

  public int poolSize() {
    return poolSize;
  }

  public int strides() {
    return strides;
  }

  public String padding() {
    return padding.toLowerCase(Locale.ROOT);
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    if (inputShape.numDimensions() != 3) {
      throw new IllegalArgumentException(className() + " '" + name() + "' expects inputs of"
          + " shape (batch, steps, channels), got " + inputShape);
    }
  }

  @Override
  protected final Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TFloat32> y = pool2d(tf, tf.expandDims(input, tf.constant(2)),
        new long[] {1, poolSize, 1, 1}, new long[] {1, strides, 1, 1}, padding);
    return tf.squeeze(y, Squeeze.axis(List.of(2L)));
  }

  /** The 2D pooling op on NHWC {@code x}. */
  protected abstract Operand<TFloat32> pool2d(
      Ops tf, Operand<TFloat32> x, long[] window, long[] strides, String padding);

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
