package org.nsl4j.savedmodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Keras model config declares, read without rebuilding it: the model's class and name,
 * its inputs (name, example shape, dtype), the layers producing its outputs, and how many layers
 * of each class it has (nested models' layers included).
 */
public record ModelDescription(ModelFileInfo file, String modelClass, String name,
    List<Input> inputs, List<String> outputs, Map<String, Integer> layerClasses) {

  /** One model input as its InputLayer declares it ({@code shape} without the batch). */
  public record Input(String name, List<Long> shape, String dtype) {}

  static ModelDescription of(ModelFileInfo file, ModelSpec spec) {
    List<Input> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    if (spec.isSequential()) {
      if (spec.sequentialInput() != null) {
        inputs.add(input(spec.sequentialInput()));
      }
      outputs.add(spec.layers().get(spec.layers().size() - 1).name());
    } else {
      for (TensorRef ref : spec.inputs()) {
        spec.layers().stream().filter(l -> l.name().equals(ref.layer())).findFirst()
            .filter(LayerSpec::isInput).ifPresent(l -> inputs.add(input(l)));
      }
      spec.outputs().forEach(ref -> outputs.add(ref.layer()));
    }
    Map<String, Integer> classes = new TreeMap<>();
    for (LayerSpec l : spec.allLayers()) {
      if (!l.isInput()) {
        classes.merge(l.className(), 1, Integer::sum);
      }
    }
    return new ModelDescription(file, spec.className(), spec.name(), List.copyOf(inputs),
        List.copyOf(outputs), Collections.unmodifiableMap(classes));
  }

  private static Input input(LayerSpec layer) {
    List<Long> shape = new ArrayList<>();
    for (long d : KerasShapes.exampleShape(layer.config())) {
      shape.add(d);
    }
    var dtype = layer.config().config().path("dtype");
    return new Input(layer.name(), List.copyOf(shape),
        dtype.isTextual() ? dtype.asText() : "float32");
  }
}
