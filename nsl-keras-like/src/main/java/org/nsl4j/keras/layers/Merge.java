package org.nsl4j.keras.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An element-wise merge of several inputs of one shape ({@code Add}, {@code Subtract}, {@code
 * Multiply}, {@code Average}, {@code Maximum}, {@code Minimum}), as Keras's merge layers. Sizes
 * other than the batch must be equal or 1 (broadcast); inputs must have the same rank.
 */
public abstract class Merge extends Layer {

  protected Merge(String name) {
    super(name);
  }

  @Override
  protected void build(Ops tf, List<Shape> inputShapes) {
    Shape first = inputShapes.get(0);
    for (Shape s : inputShapes) {
      if (s.numDimensions() != first.numDimensions() || !broadcastable(first, s)) {
        throw new IllegalArgumentException(className() + " '" + name() + "' needs inputs of one"
            + " shape (sizes may be 1 to broadcast), got " + inputShapes);
      }
    }
  }

  private static boolean broadcastable(Shape a, Shape b) {
    for (int i = 1; i < a.numDimensions(); i++) {
      long x = a.size(i);
      long y = b.size(i);
      if (x != y && x != 1 && y != 1 && x >= 0 && y >= 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected final Operand<TFloat32> call(
      Ops tf, List<Operand<TFloat32>> inputs, boolean training) {
    Operand<TFloat32> out = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      out = merge(tf, out, inputs.get(i));
    }
    return finish(tf, out, inputs.size());
  }

  /** Combines the running result with the next input. */
  protected abstract Operand<TFloat32> merge(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b);

  /** The result after all {@code count} inputs are merged (identity by default). */
  protected Operand<TFloat32> finish(Ops tf, Operand<TFloat32> merged, int count) {
    return merged;
  }
}
