package org.nsl4j.savedmodel;

import java.util.HashMap;
import java.util.Map;

/**
 * The factories of the built-in layers, registered in {@link LayerRegistry#builtIn()}, grouped by
 * kind (core, convolution, pooling, merging, reshaping, normalization, activation, regularization,
 * preprocessing, augmentation). Every factory also applies the config's {@code trainable}.
 * Known initializers are carried over; regularizers and constraints are not (they do not change
 * inference, and the file's weights replace the initial ones).
 */
final class BuiltInLayers {

  private BuiltInLayers() {}

  /** Keras class name → factory, for every layer this project rebuilds. */
  static Map<String, LayerFactory> factories() {
    Map<String, LayerFactory> f = new HashMap<>();
    CoreFactories.register(f);
    ConvolutionFactories.register(f);
    PoolingFactories.register(f);
    MergingFactories.register(f);
    ReshapingFactories.register(f);
    NormalizationFactories.register(f);
    ActivationFactories.register(f);
    RegularizationFactories.register(f);
    PreprocessingFactories.register(f);
    AugmentationFactories.register(f);
    Map<String, LayerFactory> withTrainable = new HashMap<>();
    f.forEach((name, factory) -> withTrainable.put(name, c -> {
      org.nsl4j.keras.layers.Layer layer = factory.create(c);
      layer.setTrainable(c.flag("trainable", true));
      return layer;
    }));
    return withTrainable;
  }
}
