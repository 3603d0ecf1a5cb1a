package org.nsl4j.keras.models;

import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** The NSL tutorial's base CNN written in each of the three Keras styles. */
final class TutorialModels {

  private TutorialModels() {}

  static Model functional() {
    KerasTensor inputs = Input.of("image", 28, 28, 1);
    KerasTensor x = new Conv2D(32, 3, "relu").apply(inputs);
    x = new MaxPooling2D(2).apply(x);
    x = new Conv2D(64, 3, "relu").apply(x);
    x = new MaxPooling2D(2).apply(x);
    x = new Conv2D(64, 3, "relu").apply(x);
    x = new Flatten().apply(x);
    x = new Dense(64, "relu").apply(x);
    KerasTensor outputs = new Dense(10).apply(x);
    return new Model(inputs, outputs, "base_model");
  }

  static Model sequential() {
    return new Sequential(
        new InputLayer("image", 28, 28, 1),
        new Conv2D(32, 3, "relu"),
        new MaxPooling2D(2),
        new Conv2D(64, 3, "relu"),
        new MaxPooling2D(2),
        new Conv2D(64, 3, "relu"),
        new Flatten(),
        new Dense(64, "relu"),
        new Dense(10));
  }

  /** A subclassed model, as a Keras user writes one. */
  static final class Cnn extends Model {
    private final Layer conv1 = new Conv2D(32, 3, "relu");
    private final Layer pool1 = new MaxPooling2D(2);
    private final Layer conv2 = new Conv2D(64, 3, "relu");
    private final Layer pool2 = new MaxPooling2D(2);
    private final Layer conv3 = new Conv2D(64, 3, "relu");
    private final Layer flatten = new Flatten();
    private final Layer dense = new Dense(64, "relu");
    private final Layer logits = new Dense(10);

    @Override
    protected Operand<TFloat32> call(Operand<TFloat32> inputs, boolean training) {
      Operand<TFloat32> x = pool1.apply(conv1.apply(inputs));
      x = pool2.apply(conv2.apply(x));
      x = flatten.apply(conv3.apply(x));
      return logits.apply(dense.apply(x));
    }
  }

  static Model subclassed() {
    return new Cnn().build("image", 28, 28, 1);
  }
}
