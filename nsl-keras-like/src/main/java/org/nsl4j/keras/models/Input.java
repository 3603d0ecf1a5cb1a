package org.nsl4j.keras.models;

import org.nsl4j.keras.layers.InputLayer;

/** The functional API's {@code keras.Input(shape, name)}: a float32 model input. */
public final class Input {

  private Input() {}

  /** An input called {@code name} (its feature key) taking examples of {@code shape}. */
  public static KerasTensor of(String name, long... shape) {
    return KerasTensor.input(new InputLayer(name, shape));
  }

  /** An input named {@code input} taking examples of {@code shape}. */
  public static KerasTensor of(long... shape) {
    return of("input", shape);
  }
}
