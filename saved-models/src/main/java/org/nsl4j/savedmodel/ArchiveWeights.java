package org.nsl4j.savedmodel;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.Weight;

/**
 * The weights in a {@code .keras} archive's {@code model.weights.h5}, matched to layers as
 * Keras's {@code saving_lib} does: a model's layers are the groups {@code layers/<name>} where
 * {@code <name>} is the layer's class in snake case, made unique in {@code model.layers} order
 * ({@code conv2d}, {@code conv2d_1}...), each holding {@code vars/0}, {@code vars/1}... in
 * Keras's weight order; a nested model's layers are under its own group. tf.keras 2.13 wrote
 * {@code _layer_checkpoint_dependencies} for {@code layers}, and counted every layer with weights
 * twice when making names unique. Groups beside the layers (the optimizer's) are skipped.
 */
final class ArchiveWeights {

  private static final String LAYERS = "layers";
  private static final String TF_2_13_LAYERS = "_layer_checkpoint_dependencies";

  private final HdfFile h5;
  private final String file;
  private final String layersGroup;
  private final WeightValues values;
  private final Set<String> used = new HashSet<>();

  private ArchiveWeights(HdfFile h5, String file) {
    this.h5 = h5;
    this.file = file;
    this.layersGroup = h5.getChild(TF_2_13_LAYERS) != null ? TF_2_13_LAYERS : LAYERS;
    this.values = new WeightValues(file);
  }

  /** Whether the file uses tf.keras 2.13's layout. */
  static boolean isTf213Layout(HdfFile h5) {
    return h5.getChild(TF_2_13_LAYERS) != null;
  }

  /** Sets {@code rebuilt}'s weights from {@code h5} ({@code file} names it in messages). */
  static WeightReport restore(HdfFile h5, String file, KerasArchitecture.Rebuilt rebuilt,
      ModelSpec root) {
    ArchiveWeights w = new ArchiveWeights(h5, file);
    w.model(root, "", rebuilt);
    Map<String, Integer> skipped = w.checkAllUsed();
    w.values.applyTo(rebuilt);
    return new WeightReport(w.values.size(), skipped);
  }

  private void model(ModelSpec spec, String path, KerasArchitecture.Rebuilt rebuilt) {
    Map<String, Integer> names = new HashMap<>();
    for (LayerSpec l : spec.layers()) {
      Layer layer = rebuilt.layer(l);
      String className = l.nested() != null && l.className().equals("Model")
          ? "Functional" : l.className();
      String name = unique(snakeCase(className), names);
      if (layersGroup.equals(TF_2_13_LAYERS) && layer != null && !layer.weights().isEmpty()) {
        unique(snakeCase(className), names);
      }
      String at = path + layersGroup + "/" + name;
      if (l.nested() != null) {
        model(l.nested(), at + "/", rebuilt);
      } else if (layer != null) {
        leaf(l, layer, at + "/vars");
      }
    }
  }

  private void leaf(LayerSpec spec, Layer layer, String varsPath) {
    List<Weight> order = KerasWeightOrder.own(layer);
    Node node = H5Arrays.find(h5, varsPath);
    List<Dataset> arrays = node instanceof Group g ? H5Arrays.datasets(g) : List.of();
    String owner = node == null ? null : H5Arrays.text(node, "name");
    if (owner != null && !owner.equals(spec.name())) {
      throw new SavedModelException(file + " names layer '" + owner + "' as the owner of "
          + varsPath + ", where Keras's layout puts the weights of layer '" + spec.name() + "'");
    }
    if (arrays.size() != order.size()) {
      throw new SavedModelException(spec.className() + " layer '" + spec.name() + "' has "
          + order.size() + " weights " + order.stream().map(Weight::name).toList() + ", but "
          + file + " holds " + arrays.size() + " arrays at " + varsPath
          + (node == null ? " (no such group; layer groups: " + layerGroups() + ")" : ""));
    }
    for (int i = 0; i < order.size(); i++) {
      Node array = H5Arrays.find(h5, varsPath + "/" + i);
      if (!(array instanceof Dataset d)) {
        throw new SavedModelException(file + " has no array " + varsPath + "/" + i + " for weight '"
            + order.get(i).name() + "'");
      }
      values.put(order.get(i), H5Arrays.floats(d), H5Arrays.path(d));
      used.add(H5Arrays.path(d));
    }
  }

  /** Fails naming layer arrays no layer used; returns the other groups' array counts. */
  private Map<String, Integer> checkAllUsed() {
    Map<String, Integer> skipped = new TreeMap<>();
    List<String> unused = new ArrayList<>();
    for (Dataset d : H5Arrays.datasets(h5)) {
      String path = H5Arrays.path(d);
      String top = path.substring(0, Math.max(0, path.indexOf('/')));
      if (top.equals(layersGroup) || top.equals("vars") || top.isEmpty()) {
        if (!used.contains(path)) {
          unused.add(path);
        }
      } else {
        skipped.merge(top, 1, Integer::sum);
      }
    }
    if (!unused.isEmpty()) {
      throw new SavedModelException(file + " holds layer weights that no layer of the rebuilt"
          + " model takes: " + unused);
    }
    return skipped;
  }

  private List<String> layerGroups() {
    Node layers = h5.getChild(layersGroup);
    return layers instanceof Group g ? List.copyOf(g.getChildren().keySet()) : List.of();
  }

  private static String unique(String name, Map<String, Integer> used) {
    Integer n = used.get(name);
    used.put(name, n == null ? 0 : n + 1);
    return n == null ? name : name + "_" + (n + 1);
  }

  /** Keras's {@code to_snake_case}: {@code Conv2D} → {@code conv2d}, {@code ReLU} → {@code re_lu}. */
  static String snakeCase(String className) {
    String name = className.replaceAll("\\W+", "");
    name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
