package org.nsl4j.keras.layers;

/** Checks of the window, stride and padding sizes that layers take as one integer or a pair. */
final class Sizes {

  private Sizes() {}

  /**
   * {@code values} as a pair (one value is used for both dimensions), each at least {@code min};
   * the error names the layer's class and the argument.
   */
  static int[] pair(String layer, String argument, int min, int... values) {
    if (values.length != 1 && values.length != 2) {
      throw new IllegalArgumentException(layer + " " + argument + " takes one or two sizes, got "
          + values.length);
    }
    int[] pair = values.length == 1 ? new int[] {values[0], values[0]} : values.clone();
    check(layer, argument, min, pair);
    return pair;
  }

  /** Fails unless every value is at least {@code min}. */
  static void check(String layer, String argument, int min, int... values) {
    for (int v : values) {
      if (v < min) {
        throw new IllegalArgumentException(layer + " " + argument + " must be >= " + min
            + ", got " + java.util.Arrays.toString(values));
      }
    }
  }

  /** Fails unless {@code value} is in {@code [low, high)} (or {@code [low, high]} when closed). */
  static float inRange(String layer, String argument, float value, float low, float high,
      boolean closed) {
    boolean ok = value >= low && (closed ? value <= high : value < high);
    if (!ok || Float.isNaN(value)) {
      throw new IllegalArgumentException(layer + " " + argument + " must be in [" + low + ", "
          + high + (closed ? "]" : ")") + ", got " + value);
    }
    return value;
  }

  /**
   * Keras's per-side sizes {@code ((top, bottom), (left, right))} from one value (all sides), two
   * (height, width: both sides alike) or four (top, bottom, left, right), each at least 0.
   */
  static int[] sides(String layer, String argument, int... values) {
    int[] sides = switch (values.length) {
      case 1 -> new int[] {values[0], values[0], values[0], values[0]};
      case 2 -> new int[] {values[0], values[0], values[1], values[1]};
      case 4 -> values.clone();
      default -> throw new IllegalArgumentException(layer + " " + argument + " takes 1, 2 or 4"
          + " sizes, got " + values.length);
    };
    check(layer, argument, 0, sides);
    return sides;
  }
}
