package org.nsl4j.savedmodel;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;

/**
 * Reads layer weights from a Keras HDF5 file: group {@code model_weights/<layer>} (or {@code
 * <layer>} in a {@code save_weights} file) lists its datasets in attribute {@code weight_names},
 * e.g. {@code conv2d_4/kernel:0}.
 */
final class H5Weights {

  private H5Weights() {}

  /** Values of weights named {@code layer/weight} (e.g. {@code conv2d_4/kernel}). */
  static Map<String, FeatureArray> read(HdfFile h5, Path file, List<String> names) {
    Node weightsNode = h5.getChild("model_weights");
    Group root = weightsNode instanceof Group g ? g : h5;
    Map<String, FeatureArray> values = new LinkedHashMap<>();
    for (String name : names) {
      int slash = name.lastIndexOf('/');
      String layer = name.substring(0, slash);
      String weight = name.substring(slash + 1);
      if (!(root.getChild(layer) instanceof Group group)) {
        throw new SavedModelException("no weights for layer '" + layer + "' in " + file
            + " (layers with weights: " + root.getChildren().keySet() + ")");
      }
      values.put(name, toArray(dataset(group, layer, weight, file)));
    }
    return values;
  }

  private static Dataset dataset(Group group, String layer, String weight, Path file) {
    Attribute attribute = group.getAttribute("weight_names");
    List<String> paths = attribute != null && attribute.getData() instanceof String[] listed
        ? Arrays.asList(listed) : List.of(layer + "/" + weight + ":0");
    for (String path : paths) {
      String leaf = path.substring(path.lastIndexOf('/') + 1).replaceFirst(":\\d+$", "");
      if (leaf.equals(weight) && group.getByPath(path) instanceof Dataset d) {
        return d;
      }
    }
    throw new SavedModelException("no weight '" + weight + "' for layer '" + layer + "' in "
        + file + " (it has " + paths + ")");
  }

  private static FeatureArray toArray(Dataset d) {
    long[] shape = Arrays.stream(d.getDimensions()).asLongStream().toArray();
    Object data = d.getDataFlat();
    if (data instanceof float[] floats) {
      return FeatureArray.ofFloats(floats, shape);
    }
    if (data instanceof double[] doubles) {
      float[] floats = new float[doubles.length];
      for (int i = 0; i < doubles.length; i++) {
        floats[i] = (float) doubles[i];
      }
      return FeatureArray.ofFloats(floats, shape);
    }
    throw new SavedModelException("weight dataset " + d.getPath() + " holds "
        + d.getJavaType().getSimpleName() + " values, expected floats");
  }
}
