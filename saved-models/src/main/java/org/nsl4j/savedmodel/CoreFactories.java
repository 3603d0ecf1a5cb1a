package org.nsl4j.savedmodel;

import java.util.List;
import java.util.Map;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Embedding;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;

/** Factories of the core layers: InputLayer, Dense and Embedding. */
final class CoreFactories {

  private CoreFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("InputLayer", CoreFactories::inputLayer);
    f.put("Dense", c -> {
      LayerFields.unset(c, "lora_rank", "LoRA");
      return new Dense(c.integer("units"), LayerFields.activation(c), c.name())
          .useBias(c.flag("use_bias", true))
          .kernelInitializer(LayerFields.initializer(c, "kernel_initializer", "glorot_uniform"))
          .biasInitializer(LayerFields.initializer(c, "bias_initializer", "zeros"));
    });
    f.put("Embedding", c -> {
      LayerFields.notTrue(c, "mask_zero", "masking (mask_zero)");
      LayerFields.unset(c, "lora_rank", "LoRA");
      return new Embedding(c.integer("input_dim"), c.integer("output_dim"), c.name());
    });
  }

  /** Keras 3's {@code batch_shape} or Keras 2's {@code batch_input_shape}; sizes must be known. */
  private static Layer inputLayer(LayerConfig c) {
    LayerFields.notTrue(c, "sparse", "a sparse input");
    LayerFields.notTrue(c, "ragged", "a ragged input");
    String field = c.has("batch_shape") ? "batch_shape" : "batch_input_shape";
    List<Long> dims = c.ints(field);
    long[] shape = dims.subList(1, dims.size()).stream().mapToLong(Long::longValue).toArray();
    for (long d : shape) {
      if (d < 1) {
        throw c.error(field, "known sizes after the batch dimension");
      }
    }
    return new InputLayer(c.name(), shape);
  }
}
