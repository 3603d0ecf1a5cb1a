package org.nsl4j.savedmodel;

import java.util.List;

/**
 * One entry of a Keras model config's {@code layers}: a layer to rebuild from {@code config}, or
 * a nested model ({@code nested} not null), with the calls the enclosing functional model makes
 * of it ({@code calls}, each the tensors one call takes, in the config's order).
 */
record LayerSpec(LayerConfig config, ModelSpec nested, List<List<TensorRef>> calls) {

  String name() {
    return config.name();
  }

  String className() {
    return config.className();
  }

  boolean isInput() {
    return nested == null && className().equals("InputLayer");
  }

  /** The config's {@code trainable} flag (true when absent), as Keras's {@code layer.trainable}. */
  boolean trainable() {
    return config.flag("trainable", true);
  }
}
