package org.nsl4j.savedmodel;

import java.util.Map;
import org.nsl4j.keras.layers.Add;
import org.nsl4j.keras.layers.Average;
import org.nsl4j.keras.layers.Concatenate;
import org.nsl4j.keras.layers.Maximum;
import org.nsl4j.keras.layers.Minimum;
import org.nsl4j.keras.layers.Multiply;
import org.nsl4j.keras.layers.Subtract;

/**
 * Factories of the merging layers: Add, Subtract, Multiply, Average, Maximum, Minimum and
 * Concatenate.
 */
final class MergingFactories {

  private MergingFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("Add", c -> new Add(c.name()));
    f.put("Subtract", c -> new Subtract(c.name()));
    f.put("Multiply", c -> new Multiply(c.name()));
    f.put("Average", c -> new Average(c.name()));
    f.put("Maximum", c -> new Maximum(c.name()));
    f.put("Minimum", c -> new Minimum(c.name()));
    f.put("Concatenate", c -> new Concatenate(c.has("axis") ? c.integer("axis") : -1, c.name()));
  }
}
