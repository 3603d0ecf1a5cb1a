package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Pooling over all spatial positions of channels-last inputs (Keras's {@code Global*Pooling1D}
 * and {@code 2D}): (batch, spatial..., channels) becomes (batch, channels), or keeps the spatial
 * axes as size 1 with {@code keepdims}.
 */
public abstract class GlobalPooling extends Layer {

  private final int spatialRank;
  private final boolean max;
  private boolean keepdims;

  /** Pools {@code spatialRank} axes by their maximum ({@code max}) or their mean. */
  protected GlobalPooling(int spatialRank, boolean max, String name) {
    super(name);
    this.spatialRank = spatialRank;
    this.max = max;
  }

  /** Keeps the pooled axes with size 1 (default false). */
  public GlobalPooling keepdims(boolean keepdims) {
    this.keepdims = keepdims;
    return this;
  }

  public boolean keepdims() {
    return keepdims;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    ImageShapes.checkRank(this, inputShape, spatialRank);
  }

  @Override
  protected final Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    int[] axes = new int[spatialRank];
    for (int i = 0; i < spatialRank; i++) {
      axes[i] = i + 1;
    }
    Operand<TInt32> over = tf.constant(axes);
    return max ? tf.max(input, over, Max.keepDims(keepdims))
        : tf.math.mean(input, over, Mean.keepDims(keepdims));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", "channels_last");
    config.put("keepdims", keepdims);
    return config;
  }
}
