package org.nsl4j.savedmodel;

import java.util.List;

/**
 * A Keras model config, parsed: a {@code Sequential} stack or a {@code Functional} graph. {@code
 * layers} is Keras's {@code model.layers} order, which its weight files follow (a Functional
 * model's list holds its InputLayers; a Sequential's does not). A Sequential's input is {@code
 * inputs}' one InputLayer spec ({@code sequentialInput}), or null for a nested stack that takes
 * its input from the enclosing model.
 *
 * @param keras3Nodes whether inbound nodes use Keras 3's {@code {"args", "kwargs"}} form, whose
 *     node indices count a nested functional model's calls from 0 (Keras 2 counts from 1)
 */
record ModelSpec(String className, String name, boolean trainable, List<LayerSpec> layers,
    LayerSpec sequentialInput, List<TensorRef> inputs, List<TensorRef> outputs,
    boolean keras3Nodes) {

  boolean isSequential() {
    return className.equals("Sequential");
  }

  /** Every layer spec of this model and of the models nested in it. */
  List<LayerSpec> allLayers() {
    List<LayerSpec> all = new java.util.ArrayList<>();
    for (LayerSpec l : layers) {
      all.add(l);
      if (l.nested() != null) {
        all.addAll(l.nested().allLayers());
      }
    }
    return all;
  }
}
