package org.nsl4j.keras.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The first of its two inputs minus the second, as Keras's {@code Subtract}. */
public final class Subtract extends Merge {

  public Subtract() {
    this(null);
  }

  public Subtract(String name) {
    super(name);
  }

  @Override
  protected void build(Ops tf, List<Shape> inputShapes) {
    if (inputShapes.size() != 2) {
      throw new IllegalArgumentException("Subtract '" + name() + "' takes exactly two inputs, got "
          + inputShapes.size());
    }
    super.build(tf, inputShapes);
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return tf.math.sub(a, b);
  }
}
