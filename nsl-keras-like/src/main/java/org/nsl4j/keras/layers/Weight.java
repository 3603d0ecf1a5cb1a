package org.nsl4j.keras.layers;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A variable owned by a layer: its Keras name ({@code conv2d/kernel}), graph variable, shape and
 * whether the optimizer trains it.
 */
public record Weight(String name, Variable<TFloat32> variable, Shape shape, boolean trainable) {

  /** Number of scalars in this weight. */
  public long size() {
    return shape.size();
  }
}
