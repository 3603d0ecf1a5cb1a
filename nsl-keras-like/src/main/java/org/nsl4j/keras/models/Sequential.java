package org.nsl4j.keras.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A linear stack of layers, as Keras's {@code Sequential}. Start it with an {@link InputLayer}
 * (or call {@link #build(long...)}) to fix the input shape.
 */
public class Sequential extends Model {

  private final List<Layer> stack = new ArrayList<>();

  /** A stack of {@code layers}; a leading {@link InputLayer} sets the input. */
  public Sequential(Layer... layers) {
    this(null, List.of(layers));
  }

  /** A named stack of {@code layers}; a leading {@link InputLayer} sets the input. */
  public Sequential(String name, List<Layer> layers) {
    super(name);
    layers.forEach(this::add);
  }

  /** Appends a layer; an {@link InputLayer} is accepted only first. */
  public Sequential add(Layer layer) {
    if (layer instanceof InputLayer in) {
      if (!stack.isEmpty() || inputLayer() != null) {
        throw new IllegalArgumentException(
            "an InputLayer can only be the first layer of a Sequential model");
      }
      setInputLayer(in);
    } else {
      if (backend() != null) {
        throw new IllegalStateException(
            "cannot add layer '" + layer.name() + "': model '" + name() + "' is already built");
      }
      stack.add(layer);
    }
    return this;
  }

  /** Keras's Sequential config: the model's name and its layers, its InputLayer first. */
  @Override
  public Map<String, Object> getConfig() {
    build();
    return ModelConfig.sequential(this, stack);
  }

  @Override
  protected Operand<TFloat32> call(Operand<TFloat32> inputs, boolean training) {
    Operand<TFloat32> x = inputs;
    for (Layer layer : stack) {
      x = layer.apply(x, training);
    }
    return x;
  }
}
