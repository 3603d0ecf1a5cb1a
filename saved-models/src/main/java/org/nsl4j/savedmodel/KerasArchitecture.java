package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Model;

/**
 * The architecture a Keras model config describes: a {@code Sequential} stack or a {@code
 * Functional} graph of any shape (branches, merges, shared layers, nested models, several inputs
 * and outputs). {@link #build} makes the matching Keras-like model (untrained).
 *
 * @param root the parsed model config
 * @param origin where the config came from, for messages
 */
record KerasArchitecture(ModelSpec root, String origin) {

  /** Reads a model config; {@code origin} names where it came from, for messages. */
  static KerasArchitecture of(JsonNode modelConfig, String origin) {
    return of(modelConfig, origin, "");
  }

  /** Reads a model config written by Keras {@code kerasVersion} (empty when unknown). */
  static KerasArchitecture of(JsonNode modelConfig, String origin, String kerasVersion) {
    return new KerasArchitecture(
        ModelConfigParser.parse(modelConfig, origin, kerasVersion), origin);
  }

  /** The rebuilt model and the layer made for each spec. Closing it closes the model. */
  record Rebuilt(Model model, Map<LayerSpec, Layer> layers) implements AutoCloseable {

    /** The layer rebuilt for {@code spec}, or null (an InputLayer of a functional graph). */
    Layer layer(LayerSpec spec) {
      return layers.get(spec);
    }

    @Override
    public void close() {
      model.close();
    }
  }

  /** The Keras-like model of this architecture, built, with fresh weights. */
  Rebuilt build(LayerRegistry registry) {
    GraphBuilder builder = new GraphBuilder(registry, origin);
    Model model = builder.model(root);
    Rebuilt rebuilt = new Rebuilt(model,
        Collections.unmodifiableMap(new IdentityHashMap<>(builder.built())));
    try {
      model.build();
      checkNormalizedAxes(rebuilt);
      return rebuilt;
    } catch (IllegalArgumentException | IllegalStateException e) {
      model.close();
      throw new SavedModelException(
          "cannot rebuild the Keras model in " + origin + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** BatchNormalization is rebuilt over the last axis, so its config must name that axis. */
  private void checkNormalizedAxes(Rebuilt rebuilt) {
    for (LayerSpec spec : root.allLayers()) {
      LayerConfig c = spec.config();
      Layer layer = rebuilt.layer(spec);
      if (c.className().equals("BatchNormalization") && c.has("axis") && layer != null) {
        long axis = c.ints("axis").get(0);
        int rank = layer.outputShape().numDimensions();
        if (axis != -1 && axis != rank - 1) {
          throw c.error("axis", "-1 or " + (rank - 1) + " (the last axis)");
        }
      }
    }
  }
}
