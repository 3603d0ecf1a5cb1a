package org.nsl4j.examples.tutorial;

import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.models.Sequential;

/**
 * The NSL tutorial's base CNN: convolutions (3×3, relu) with 2×2 max-pooling between them,
 * flatten, dense relu layers, and a dense layer of logits.
 */
public final class BaseModel {

  private BaseModel() {}

  /** The model for {@code h}'s architecture, input named {@code image}. */
  public static Sequential build(HParams h) {
    Sequential model = new Sequential("base_model", java.util.List.of());
    model.add(new InputLayer(HParams.IMAGE_KEY, h.inputShape()));
    int[] filters = h.convFilters();
    for (int i = 0; i < filters.length; i++) {
      model.add(new Conv2D(filters[i], h.kernelSize(), "relu"));
      if (i < filters.length - 1) {
        model.add(new MaxPooling2D(h.poolSize()));
      }
    }
    model.add(new Flatten());
    for (int units : h.denseUnits()) {
      model.add(new Dense(units, "relu"));
    }
    model.add(new Dense(h.numClasses()));
    model.seed(h.seed());
    return model;
  }
}
