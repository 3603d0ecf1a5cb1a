package org.nsl4j.savedmodel;

import org.nsl4j.keras.layers.Layer;

/**
 * Builds this project's layer for one Keras layer config, with the config's name and settings, as
 * Keras's {@code from_config}. Register factories for custom layers with {@link
 * KerasModelLoader.Builder#customLayer}; throw {@link LayerConfig#error} for settings the layer
 * cannot honour.
 */
@FunctionalInterface
public interface LayerFactory {

  /** The layer described by {@code config}. */
  Layer create(LayerConfig config);
}
