package org.nsl4j.keras.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Concatenates its inputs along {@code axis} (default -1, the last), as Keras's {@code
 * Concatenate}; the other sizes must match.
 */
public final class Concatenate extends Layer {

  private final int axis;

  /** Concatenation on the last axis. */
  public Concatenate() {
    this(-1, null);
  }

  /** Concatenation on {@code axis} (negative counts from the end; 0 is the batch). */
  public Concatenate(int axis, String name) {
    super(name);
    this.axis = axis;
  }

  public int axis() {
    return axis;
  }

  @Override
  protected void build(Ops tf, List<Shape> inputShapes) {
    Shape first = inputShapes.get(0);
    int rank = first.numDimensions();
    int at = axis < 0 ? rank + axis : axis;
    if (at < 1 || at >= rank) {
      throw new IllegalArgumentException("Concatenate '" + name() + "' axis " + axis
          + " is not a non-batch axis of inputs of rank " + rank);
    }
    for (Shape s : inputShapes) {
      boolean ok = s.numDimensions() == rank;
      for (int i = 1; ok && i < rank; i++) {
        ok = i == at || s.size(i) == first.size(i) || s.size(i) < 0 || first.size(i) < 0;
      }
      if (!ok) {
        throw new IllegalArgumentException("Concatenate '" + name() + "' needs inputs whose"
            + " shapes match except on axis " + axis + ", got " + inputShapes);
      }
    }
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, boolean training) {
    return inputs.size() == 1 ? inputs.get(0) : tf.concat(inputs, tf.constant(axis));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis);
    return config;
  }
}
