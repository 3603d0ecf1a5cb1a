package org.nsl4j.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The entry point of a model: its name keys the feature dictionary; shape excludes the batch. */
public final class InputLayer extends Layer {

  private final long[] shape;

  /** An input called {@code name} taking float32 examples of {@code shape}. */
  public InputLayer(String name, long... shape) {
    super(name);
    for (long d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException(
            "input '" + name + "' shape dimensions must be positive, got " + Shape.of(shape));
      }
    }
    this.shape = shape.clone();
  }

  /** Shape of one example (no batch dimension). */
  public long[] shape() {
    return shape.clone();
  }

  /** Shape with a leading unknown batch dimension. */
  public Shape batchShape() {
    return Shape.of(shape).prepend(-1);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return input;
  }
}
