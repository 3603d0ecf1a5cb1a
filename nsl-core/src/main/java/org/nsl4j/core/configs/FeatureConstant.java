package org.nsl4j.core.configs;

import java.util.Arrays;

/**
 * An immutable float constant with a shape, applied to a feature tensor by broadcasting (for
 * example a mask shaped like one example, {@code [28, 28, 1]}, or a scalar bound).
 */
public final class FeatureConstant {

  private final float[] values;
  private final long[] shape;

  private FeatureConstant(float[] values, long[] shape) {
    long size = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " has a negative dimension");
      }
      size *= dim;
    }
    if (size != values.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " holds " + size + " values, but "
              + values.length + " were given");
    }
    this.values = values.clone();
    this.shape = shape.clone();
  }

  /** A scalar constant, broadcast to every entry of a feature. */
  public static FeatureConstant scalar(float value) {
    return new FeatureConstant(new float[] {value}, new long[0]);
  }

  /** A constant of the given shape holding {@code values} in row-major order (copied). */
  public static FeatureConstant of(float[] values, long... shape) {
    return new FeatureConstant(values, shape);
  }

  /** The values in row-major order (a copy). */
  public float[] values() {
    return values.clone();
  }

  /** The shape (a copy); empty for a scalar. */
  public long[] shape() {
    return shape.clone();
  }

  /** Whether this constant has rank 0. */
  public boolean isScalar() {
    return shape.length == 0;
  }

  float value(int index) {
    return values[index];
  }

  int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureConstant c
        && Arrays.equals(values, c.values)
        && Arrays.equals(shape, c.shape);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return isScalar() ? Float.toString(values[0])
        : "FeatureConstant" + Arrays.toString(shape);
  }
}
