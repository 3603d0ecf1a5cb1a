package org.nsl4j.keras.layers;

import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * The softmax over {@code axis} (default -1, the last; several axes normalize jointly), as
 * Keras's {@code Softmax} layer.
 */
public final class Softmax extends Layer {

  private final int[] axis;

  /** Softmax over the last axis. */
  public Softmax() {
    this(new int[] {-1}, null);
  }

  /** Softmax over {@code axis} (one or more; negative counts from the end), with a name. */
  public Softmax(int[] axis, String name) {
    super(name);
    if (axis.length == 0) {
      throw new IllegalArgumentException("Softmax needs at least one axis");
    }
    this.axis = axis.clone();
  }

  public int[] axis() {
    return axis.clone();
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    int rank = input.shape().numDimensions();
    int[] axes = Arrays.stream(axis).map(a -> a < 0 ? rank + a : a).sorted().toArray();
    if (axes[0] < 0 || axes[axes.length - 1] >= rank) {
      throw new IllegalArgumentException("Softmax '" + name() + "' axis "
          + Arrays.toString(axis) + " is out of range for inputs of rank " + rank);
    }
    if (axes.length == 1 && axes[0] == rank - 1) {
      return tf.nn.softmax(input);
    }
    Operand<org.tensorflow.types.TInt32> over = tf.constant(axes);
    Operand<TFloat32> shifted = tf.math.sub(input,
        tf.stopGradient(tf.max(input, over, Max.keepDims(true))));
    Operand<TFloat32> e = tf.math.exp(shifted);
    return tf.math.div(e, tf.reduceSum(e, over, ReduceSum.keepDims(true)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis.length == 1 ? (Object) axis[0] : ConfigValues.ints(axis));
    return config;
  }
}
