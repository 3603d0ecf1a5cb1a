package org.nsl4j.savedmodel;

import java.util.List;

/** Input shapes in Keras configs: {@code batch_input_shape} (Keras 2) or {@code batch_shape}. */
final class KerasShapes {

  private KerasShapes() {}

  /** The example shape (without the batch) of an InputLayer config. */
  static long[] exampleShape(LayerConfig layer) {
    String field = layer.has("batch_input_shape") ? "batch_input_shape" : "batch_shape";
    if (!layer.has(field)) {
      throw new SavedModelException(layer.className() + " layer '" + layer.name()
          + "' gives no input shape (no batch_input_shape or batch_shape)");
    }
    List<Long> dims = layer.ints(field);
    if (dims.isEmpty()) {
      throw layer.error(field, "a batch dimension followed by the example's sizes");
    }
    long[] shape = dims.subList(1, dims.size()).stream().mapToLong(Long::longValue).toArray();
    for (long d : shape) {
      if (d < 1) {
        throw layer.error(field, "known sizes after the batch dimension");
      }
    }
    return shape;
  }
}
