package org.nsl4j.keras.layers;

import java.util.ArrayList;
import java.util.List;

/**
 * Values as Keras writes them in a layer config: floats as their shortest decimal, tuples as
 * lists.
 */
final class ConfigValues {

  private ConfigValues() {}

  /** {@code 0.99f} as {@code 0.99}, not {@code 0.9900000095367432}. */
  static Double number(float value) {
    return Double.valueOf(Float.toString(value));
  }

  /** A Keras tuple of integers. */
  static List<Integer> ints(int... values) {
    List<Integer> list = new ArrayList<>();
    for (int v : values) {
      list.add(v);
    }
    return list;
  }

  /** A Keras tuple of numbers. */
  static List<Double> numbers(float... values) {
    List<Double> list = new ArrayList<>();
    for (float v : values) {
      list.add(number(v));
    }
    return list;
  }

  /** One number when {@code values} has one, else the list (Keras's "float or tuple"). */
  static Object numberOrList(float... values) {
    return values.length == 1 ? number(values[0]) : numbers(values);
  }
}
