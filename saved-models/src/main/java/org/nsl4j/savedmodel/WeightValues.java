package org.nsl4j.savedmodel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Model;
import org.tensorflow.ndarray.Shape;

/**
 * The values a weight file gives a rebuilt model's weights, each with the array it came from:
 * every weight must get exactly one value of its shape, then all are set at once.
 */
final class WeightValues {

  private record Value(FeatureArray array, String source) {}

  private final String file;
  private final Map<Weight, Value> values = new IdentityHashMap<>();

  WeightValues(String file) {
    this.file = file;
  }

  /** Gives {@code weight} the array at {@code source} (a path in the file). */
  void put(Weight weight, FeatureArray array, String source) {
    if (!Shape.of(array.shape()).equals(weight.shape())) {
      throw new SavedModelException(source + " in " + file + " has shape "
          + Shape.of(array.shape()) + ", but weight '" + weight.name() + "' of the rebuilt model"
          + " expects " + weight.shape());
    }
    Value before = values.put(weight, new Value(array, source));
    if (before != null) {
      throw new SavedModelException("weight '" + weight.name() + "' is given twice in " + file
          + ": by " + before.source() + " and by " + source);
    }
  }

  /** Number of arrays given. */
  int size() {
    return values.size();
  }

  /** Sets every layer's weights; fails naming any weight the file gave no value. */
  void applyTo(KerasArchitecture.Rebuilt rebuilt) {
    List<String> missing = new ArrayList<>();
    for (Weight w : rebuilt.model().weights()) {
      if (!values.containsKey(w)) {
        missing.add(w.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new SavedModelException(file + " gives no value for weights " + missing
          + " of the rebuilt model");
    }
    for (Layer layer : rebuilt.layers().values()) {
      if (!(layer instanceof Model) && !layer.weights().isEmpty()) {
        layer.setWeights(layer.weights().stream().map(w -> values.get(w).array()).toList());
      }
    }
  }
}
