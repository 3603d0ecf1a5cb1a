package org.nsl4j.keras.models;

import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;

/**
 * A symbolic tensor of the functional API: the output of {@code layer} applied to {@code input}
 * (or a model input when {@code input} is null). It is replayed on real tensors when the model
 * is built, once per branch (inference, training, adversarial).
 */
public final class KerasTensor {

  private final Layer layer;
  private final KerasTensor input;

  private KerasTensor(Layer layer, KerasTensor input) {
    this.layer = layer;
    this.input = input;
  }

  /** The output of {@code layer} on {@code input}. */
  public static KerasTensor of(Layer layer, KerasTensor input) {
    if (input == null) {
      throw new IllegalArgumentException("layer '" + layer.name() + "' was applied to null");
    }
    return new KerasTensor(layer, input);
  }

  /** A model input. */
  static KerasTensor input(InputLayer layer) {
    return new KerasTensor(layer, null);
  }

  /** The layer producing this tensor. */
  public Layer layer() {
    return layer;
  }

  /** The tensor this one was computed from, or null for a model input. */
  public KerasTensor input() {
    return input;
  }

  /** Whether this is a model input. */
  public boolean isInput() {
    return input == null;
  }
}
