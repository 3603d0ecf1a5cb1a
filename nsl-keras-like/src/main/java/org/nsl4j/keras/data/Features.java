package org.nsl4j.keras.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An ordered feature dictionary, e.g. {@code {"image": float[N,28,28,1], "label": int64[N]}}:
 * the element type of a {@link Dataset}. A tuple {@code (x, y)} is the dictionary with keys
 * {@link #X} and {@link #Y}, as Keras's {@code fit} takes it.
 */
public final class Features {

  /** Key of the inputs in a tuple element. */
  public static final String X = "x";
  /** Key of the targets in a tuple element. */
  public static final String Y = "y";

  private final Map<String, FeatureArray> values;

  private Features(Map<String, FeatureArray> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A dictionary with the given entries, in their iteration order. */
  public static Features of(Map<String, FeatureArray> values) {
    return new Features(values);
  }

  /** A single-entry dictionary. */
  public static Features of(String key, FeatureArray value) {
    return new Features(Map.of(key, value));
  }

  /** A two-entry dictionary, in this order. */
  public static Features of(String key1, FeatureArray value1, String key2, FeatureArray value2) {
    Map<String, FeatureArray> m = new LinkedHashMap<>();
    m.put(key1, value1);
    m.put(key2, value2);
    return new Features(m);
  }

  /** The tuple {@code (x, y)}. */
  public static Features tuple(FeatureArray x, FeatureArray y) {
    return of(X, x, Y, y);
  }

  /** Whether this element is an {@code (x, y)} tuple. */
  public boolean isTuple() {
    return values.size() == 2 && values.containsKey(X) && values.containsKey(Y);
  }

  /** The value for {@code key}; a missing key names the keys that exist. */
  public FeatureArray get(String key) {
    FeatureArray v = values.get(key);
    if (v == null) {
      throw new NoSuchElementException(
          "no feature '" + key + "' in this element (it has " + values.keySet() + ")");
    }
    return v;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public Set<String> keys() {
    return values.keySet();
  }

  /** The entries, in order (unmodifiable). */
  public Map<String, FeatureArray> asMap() {
    return values;
  }

  /** Number of rows, checked to be the same for every entry. */
  public int rows() {
    int rows = -1;
    for (Map.Entry<String, FeatureArray> e : values.entrySet()) {
      int r = e.getValue().rows();
      if (rows >= 0 && r != rows) {
        throw new IllegalArgumentException(
            "feature '" + e.getKey() + "' has " + r + " rows, but the others have " + rows);
      }
      rows = r;
    }
    return Math.max(rows, 0);
  }

  /** A copy with {@code key} set to {@code value}. */
  public Features with(String key, FeatureArray value) {
    Map<String, FeatureArray> m = new LinkedHashMap<>(values);
    m.put(key, value);
    return new Features(m);
  }

  /** The rows at the given indices of every entry. */
  public Features gather(int[] index) {
    Map<String, FeatureArray> m = new LinkedHashMap<>();
    values.forEach((k, v) -> m.put(k, v.gather(index)));
    return new Features(m);
  }

  /** Stacks elements with the same keys along the first dimension. */
  public static Features concat(List<Features> parts) {
    Map<String, FeatureArray> m = new LinkedHashMap<>();
    for (String key : parts.get(0).keys()) {
      m.put(key, FeatureArray.concat(parts.stream().map(p -> p.get(key)).toList()));
    }
    return new Features(m);
  }

  /** Converts a dictionary element to the tuple {@code (features[xKey], features[yKey])}. */
  public Features toTuple(String xKey, String yKey) {
    return tuple(get(xKey), get(yKey));
  }

  /** Converts a tuple element back to a dictionary {@code {xKey: x, yKey: y}}. */
  public Features toDict(String xKey, String yKey) {
    return of(xKey, get(X), yKey, get(Y));
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
