package org.nsl4j.savedmodel;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.Weight;

/**
 * The order in which Keras saves a layer's weights. A layer saves the variables it created as
 * trainable, then the others, each in creation order ({@code _trainable_variables +
 * _non_trainable_variables}); legacy HDF5 files save a nested model's weights as its {@code
 * trainable_weights + non_trainable_weights}, across all its layers.
 */
final class KerasWeightOrder {

  private KerasWeightOrder() {}

  /** A (non-model) layer's weights in Keras's saving order. */
  static List<Weight> own(Layer layer) {
    List<Weight> order = new ArrayList<>();
    layer.weights().stream().filter(Weight::trainable).forEach(order::add);
    layer.weights().stream().filter(w -> !w.trainable()).forEach(order::add);
    return order;
  }

  /** The weights legacy HDF5 lists for {@code spec}'s layer (a nested model's across layers). */
  static List<Weight> legacy(LayerSpec spec, KerasArchitecture.Rebuilt rebuilt) {
    if (spec.nested() == null) {
      Layer layer = rebuilt.layer(spec);
      return layer == null ? List.of() : own(layer);
    }
    List<Weight> all = new ArrayList<>();
    List<Weight> trainable = new ArrayList<>();
    collect(spec, rebuilt, true, all, trainable);
    List<Weight> order = new ArrayList<>(trainable);
    all.stream().filter(w -> !trainable.contains(w)).forEach(order::add);
    return order;
  }

  /** Adds {@code spec}'s weights to {@code all}, and those Keras trains to {@code trainable}. */
  private static void collect(LayerSpec spec, KerasArchitecture.Rebuilt rebuilt,
      boolean outerTrainable, List<Weight> all, List<Weight> trainable) {
    boolean on = outerTrainable && spec.trainable()
        && (spec.nested() == null || spec.nested().trainable());
    if (spec.nested() == null) {
      Layer layer = rebuilt.layer(spec);
      for (Weight w : layer == null ? List.<Weight>of() : own(layer)) {
        all.add(w);
        if (on && w.trainable()) {
          trainable.add(w);
        }
      }
      return;
    }
    for (LayerSpec inner : spec.nested().layers()) {
      collect(inner, rebuilt, on, all, trainable);
    }
  }
}
