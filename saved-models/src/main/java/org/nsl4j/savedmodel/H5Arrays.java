package org.nsl4j.savedmodel;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nsl4j.keras.data.FeatureArray;

/** Reading Keras's HDF5 files with jHDF: weight arrays, string-list attributes, dataset walks. */
final class H5Arrays {

  private H5Arrays() {}

  /** A weight dataset as float32 (Keras saves float32; float64 and integer counts convert). */
  static FeatureArray floats(Dataset d) {
    long[] shape = Arrays.stream(d.getDimensions()).asLongStream().toArray();
    Object data = d.isScalar() ? d.getData() : d.getDataFlat();
    if (data instanceof float[] f) {
      return FeatureArray.ofFloats(f, shape);
    }
    if (data instanceof Number n) {
      return FeatureArray.ofFloats(new float[] {n.floatValue()}, shape);
    }
    if (data != null && data.getClass().isArray()
        && Number.class.isAssignableFrom(boxed(data.getClass().getComponentType()))) {
      float[] f = new float[Array.getLength(data)];
      for (int i = 0; i < f.length; i++) {
        f[i] = ((Number) Array.get(data, i)).floatValue();
      }
      return FeatureArray.ofFloats(f, shape);
    }
    throw new SavedModelException("weight dataset " + path(d) + " holds "
        + d.getJavaType().getSimpleName() + " values, expected numbers");
  }

  private static Class<?> boxed(Class<?> c) {
    return c == float.class ? Float.class : c == double.class ? Double.class
        : c == long.class ? Long.class : c == int.class ? Integer.class
        : c == short.class ? Short.class : c == byte.class ? Byte.class : c;
  }

  /**
   * A list of strings stored in attribute {@code name}, or split by Keras over {@code name0},
   * {@code name1}... when too long for one attribute; empty when absent.
   */
  static List<String> strings(Node node, String name) {
    List<String> values = new ArrayList<>();
    Attribute whole = node.getAttribute(name);
    if (whole != null) {
      addStrings(whole.getData(), values);
      return values;
    }
    for (int chunk = 0; node.getAttribute(name + chunk) != null; chunk++) {
      addStrings(node.getAttribute(name + chunk).getData(), values);
    }
    return values;
  }

  private static void addStrings(Object data, List<String> into) {
    if (data instanceof String s) {
      into.add(s);
    } else if (data instanceof byte[] bytes) {
      into.add(new String(bytes, StandardCharsets.UTF_8));
    } else if (data != null && data.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(data); i++) {
        addStrings(Array.get(data, i), into);
      }
    }
  }

  /** One text attribute, or null. */
  static String text(Node node, String name) {
    List<String> values = strings(node, name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Every dataset under {@code group}, depth first. */
  static List<Dataset> datasets(Group group) {
    List<Dataset> all = new ArrayList<>();
    for (Node child : group.getChildren().values()) {
      if (child instanceof Dataset d) {
        all.add(d);
      } else if (child instanceof Group g) {
        all.addAll(datasets(g));
      }
    }
    return all;
  }

  /**
   * The node at {@code path} under {@code group}, or null (walked child by child: jHDF's own
   * missing-path error fails on in-memory files).
   */
  static Node find(Group group, String path) {
    Node node = group;
    for (String part : path.split("/")) {
      if (!(node instanceof Group g) || part.isEmpty()) {
        return null;
      }
      node = g.getChild(part);
    }
    return node;
  }

  /** A node's path without the leading slash, e.g. {@code layers/dense/vars/0}. */
  static String path(Node node) {
    String p = node.getPath();
    return p.startsWith("/") ? p.substring(1) : p;
  }
}
