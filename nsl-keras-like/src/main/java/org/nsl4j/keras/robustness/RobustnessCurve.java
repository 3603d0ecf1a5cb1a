package org.nsl4j.keras.robustness;

import java.util.List;
import java.util.Map;

/**
 * Accuracy under attacks as a function of ε: for each attack (and their worst case, if asked),
 * one accuracy per ε; at ε = 0 the clean accuracy.
 *
 * @param examples the number of examples attacked
 * @param eps the radii, ascending
 * @param accuracy attack name → accuracy at each radius, in the order the attacks were given
 *     (the worst case, named {@value #WORST_CASE}, last)
 */
public record RobustnessCurve(int examples, double[] eps, Map<String, double[]> accuracy) {

  /** The name of the worst case over the attacks. */
  public static final String WORST_CASE = "worst-case";

  /** The names of the curves. */
  public List<String> names() {
    return List.copyOf(accuracy.keySet());
  }

  /** The accuracy of curve {@code name} at {@code eps}. */
  public double at(String name, double radius) {
    double[] values = accuracy.get(name);
    if (values == null) {
      throw new IllegalArgumentException("no curve '" + name + "' (curves: " + names() + ")");
    }
    for (int i = 0; i < eps.length; i++) {
      if (eps[i] == radius) {
        return values[i];
      }
    }
    throw new IllegalArgumentException("no point at eps " + radius);
  }
}
