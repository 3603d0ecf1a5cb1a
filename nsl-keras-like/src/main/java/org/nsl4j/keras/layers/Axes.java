package org.nsl4j.keras.layers;

import java.util.Arrays;
import org.tensorflow.ndarray.Shape;

/** Resolution of Keras axis arguments (negative counts from the end) against an input shape. */
final class Axes {

  private Axes() {}

  /**
   * {@code axes} as increasing non-negative non-batch axes of {@code shape}, each with a known
   * size; fails naming the layer otherwise.
   */
  static int[] resolve(Layer layer, int[] axes, Shape shape) {
    int rank = shape.numDimensions();
    int[] resolved = Arrays.stream(axes).map(a -> a < 0 ? rank + a : a).toArray();
    for (int i = 0; i < resolved.length; i++) {
      boolean ok = resolved[i] >= 1 && resolved[i] < rank && shape.size(resolved[i]) >= 1
          && (i == 0 || resolved[i] > resolved[i - 1]);
      if (!ok) {
        throw new IllegalArgumentException(layer.className() + " '" + layer.name() + "' axis "
            + Arrays.toString(axes) + " must name increasing non-batch axes of known size of"
            + " inputs of shape " + shape);
      }
    }
    return resolved;
  }

  /** The sizes of {@code shape} at {@code axes}. */
  static long[] sizes(Shape shape, int[] axes) {
    return Arrays.stream(axes).mapToLong(shape::size).toArray();
  }

  /** {@code shape}'s rank with size 1 everywhere except the sizes at {@code axes}. */
  static long[] broadcastShape(Shape shape, int[] axes) {
    long[] b = new long[shape.numDimensions()];
    Arrays.fill(b, 1);
    for (int a : axes) {
      b[a] = shape.size(a);
    }
    return b;
  }

  /** The axes of a rank-{@code rank} shape that are not in {@code axes}. */
  static int[] complement(int rank, int[] axes) {
    return java.util.stream.IntStream.range(0, rank)
        .filter(i -> Arrays.stream(axes).noneMatch(a -> a == i)).toArray();
  }
}
