package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Flattens each example to a vector, as Keras's {@code Flatten}: (batch, d1, ..., dn) becomes
 * (batch, d1·...·dn), and (batch,) becomes (batch, 1).
 */
public final class Flatten extends Layer {

  private long units;

  public Flatten() {
    this(null);
  }

  public Flatten(String name) {
    super(name);
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    if (inputShape.isUnknown() || inputShape.numDimensions() < 1) {
      throw new IllegalArgumentException(
          "Flatten '" + name() + "' needs inputs of known rank, got " + inputShape);
    }
    units = 1;
    for (int i = 1; i < inputShape.numDimensions(); i++) {
      if (inputShape.size(i) < 0) {
        throw new IllegalArgumentException(
            "Flatten '" + name() + "' needs known non-batch dimensions, got " + inputShape);
      }
      units *= inputShape.size(i);
    }
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", "channels_last");
    return config;
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return tf.reshape(input, tf.constant(new long[] {-1, units}));
  }
}
