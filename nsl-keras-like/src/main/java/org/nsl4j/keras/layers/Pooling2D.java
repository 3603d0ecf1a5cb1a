package org.nsl4j.keras.layers;

import java.util.Locale;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/** Common configuration of 2D pooling layers: window, strides and padding. */
public abstract class Pooling2D extends Layer {

  private final int poolHeight;
  private final int poolWidth;
  private final int strideHeight;
  private final int strideWidth;
  private final String padding;

  protected Pooling2D(int poolHeight, int poolWidth, int strideHeight, int strideWidth,
      String padding, String name) {
    super(name);
    if (poolHeight < 1 || poolWidth < 1 || strideHeight < 1 || strideWidth < 1) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + " pool size and strides must be positive, got pool "
              + poolHeight + "x" + poolWidth + ", strides " + strideHeight + "x" + strideWidth);
    }
    this.poolHeight = poolHeight;
    this.poolWidth = poolWidth;
    this.strideHeight = strideHeight;
    this.strideWidth = strideWidth;
    this.padding = Padding.check(padding);
  }

  public int[] poolSize() {
    return new int[] {poolHeight, poolWidth};
  }

  public int[] strides() {
    return new int[] {strideHeight, strideWidth};
  }

  public String padding() {
    return padding.toLowerCase(Locale.ROOT);
  }

  /** TensorFlow's padding name. */
  protected String tfPadding() {
    return padding;
  }

  protected long[] window() {
    return new long[] {1, poolHeight, poolWidth, 1};
  }

  protected long[] stride() {
    return new long[] {1, strideHeight, strideWidth, 1};
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    if (inputShape.numDimensions() != 4) {
      throw new IllegalArgumentException(
          className() + " '" + name() + "' expects inputs of shape (batch, height, width,"
              + " channels), got " + inputShape);
    }
  }
}
