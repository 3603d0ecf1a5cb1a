package org.nsl4j.savedmodel;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nsl4j.keras.layers.Weight;

/**
 * The weights of a legacy Keras HDF5 file ({@code model.save('m.h5')}, Keras 2 or Keras 3):
 * group {@code model_weights/<layer name>} lists its arrays in attribute {@code weight_names}
 * ({@code conv2d/kernel:0} from Keras 2, {@code sequential/conv2d/kernel} from Keras 3), in
 * Keras's legacy order ({@code trainable_weights + non_trainable_weights}; a nested model's
 * across all its layers). Every layer named in {@code layer_names} with weights must be used;
 * {@code optimizer_weights} is skipped.
 */
final class H5Weights {

  private static final String MODEL_WEIGHTS = "model_weights";
  private static final String TOP_LEVEL = "top_level_model_weights";

  private H5Weights() {}

  /** Sets {@code rebuilt}'s weights from {@code h5} ({@code file} names it in messages). */
  static WeightReport restore(HdfFile h5, String file, KerasArchitecture.Rebuilt rebuilt,
      ModelSpec root) {
    if (!(h5.getChild(MODEL_WEIGHTS) instanceof Group weights)) {
      throw new SavedModelException(file + " has no " + MODEL_WEIGHTS + " group: it holds no"
          + " weights for its model_config");
    }
    WeightValues values = new WeightValues(file);
    Set<String> used = new HashSet<>();
    for (LayerSpec spec : root.layers()) {
      List<Weight> order = KerasWeightOrder.legacy(spec, rebuilt);
      Node group = weights.getChild(spec.name());
      List<String> names = group == null ? List.of() : H5Arrays.strings(group, "weight_names");
      if (names.size() != order.size()) {
        throw new SavedModelException(spec.className() + " layer '" + spec.name() + "' has "
            + order.size() + " weights " + order.stream().map(Weight::name).toList() + ", but "
            + file + " lists " + names.size() + " for it " + names
            + (group == null ? " (no group " + MODEL_WEIGHTS + "/" + spec.name() + ")" : ""));
      }
      for (int i = 0; i < names.size(); i++) {
        values.put(order.get(i), H5Arrays.floats(dataset((Group) group, names.get(i), file)),
            MODEL_WEIGHTS + "/" + spec.name() + "/" + names.get(i));
      }
      used.add(spec.name());
    }
    checkAllUsed(weights, used, file);
    values.applyTo(rebuilt);
    return new WeightReport(values.size(), skipped(h5));
  }

  private static Dataset dataset(Group group, String name, String file) {
    if (H5Arrays.find(group, name) instanceof Dataset d) {
      return d;
    }
    throw new SavedModelException(file + " lists weight '" + name + "' for layer '"
        + group.getName() + "' but has no such array");
  }

  /** Fails naming any saved layer with weights that the rebuilt model has no layer for. */
  private static void checkAllUsed(Group weights, Set<String> used, String file) {
    List<String> layers = H5Arrays.strings(weights, "layer_names");
    Set<String> saved = new HashSet<>(layers.isEmpty() ? weights.getChildren().keySet() : layers);
    saved.add(TOP_LEVEL);
    for (String name : saved) {
      Node group = weights.getChild(name);
      if (!used.contains(name) && group != null
          && !H5Arrays.strings(group, "weight_names").isEmpty()) {
        throw new SavedModelException(file + " holds weights " + H5Arrays.strings(group,
            "weight_names") + " for '" + name + "', which is not a layer of the rebuilt model");
      }
    }
  }

  /** Arrays outside {@code model_weights} (the optimizer's), by top-level group. */
  private static Map<String, Integer> skipped(HdfFile h5) {
    Map<String, Integer> skipped = new TreeMap<>();
    for (Node child : h5.getChildren().values()) {
      if (child instanceof Group g && !g.getName().equals(MODEL_WEIGHTS)) {
        skipped.put(g.getName(), H5Arrays.datasets(g).size());
      }
    }
    return skipped;
  }
}
