package org.nsl4j.keras.layers;

import java.util.Map;

/**
 * The Keras config fields of built-in layers whose classes do not override {@link
 * Layer#getConfig()} themselves ({@code BatchNormalization}, {@code Dropout}), read from their
 * public getters.
 */
final class DelegatedConfigs {

  private DelegatedConfigs() {}

  static void addTo(Layer layer, Map<String, Object> config) {
    if (layer instanceof BatchNormalization bn) {
      config.put("axis", -1);
      config.put("momentum", (double) bn.momentum());
      config.put("epsilon", (double) bn.epsilon());
      config.put("center", bn.center());
      config.put("scale", bn.scale());
    } else if (layer instanceof Dropout d) {
      config.put("rate", (double) d.rate());
      config.put("noise_shape", null);
      config.put("seed", null);
    }
  }
}
