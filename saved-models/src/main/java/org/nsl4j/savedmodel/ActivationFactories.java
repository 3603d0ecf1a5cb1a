package org.nsl4j.savedmodel;

import java.util.Map;
import org.nsl4j.keras.layers.Activation;
import org.nsl4j.keras.layers.ELU;
import org.nsl4j.keras.layers.LeakyReLU;
import org.nsl4j.keras.layers.ReLU;
import org.nsl4j.keras.layers.Softmax;

/**
 * Factories of the activation layers: Activation, ReLU, LeakyReLU (Keras 3's {@code
 * negative_slope} or tf.keras 2's {@code alpha}), ELU and Softmax.
 */
final class ActivationFactories {

  private ActivationFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("Activation", c -> new Activation(LayerFields.activation(c), c.name()));
    f.put("ReLU", c -> new ReLU(c.name())
        .maxValue(c.numberOrNull("max_value"))
        .negativeSlope(c.number("negative_slope", 0f))
        .threshold(c.number("threshold", 0f)));
    f.put("LeakyReLU", c -> new LeakyReLU(
        c.number("negative_slope", c.number("alpha", 0.3f)), c.name()));
    f.put("ELU", c -> new ELU(c.number("alpha", 1f), c.name()));
    f.put("Softmax", c -> new Softmax(c.intArray("axis", -1), c.name()));
  }
}
