package org.nsl4j.keras.data;

import java.util.Arrays;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A dense, row-major array of one feature: {@code float32} or {@code int64} values with a shape
 * whose first dimension counts examples (the Java counterpart of a NumPy array in a feature
 * dictionary). Instances are immutable by convention: operations return new arrays.
 */
public final class FeatureArray {

  /** Element types a feature array can hold. */
  public enum DType {
    FLOAT32,
    INT64
  }

  private final DType dtype;
  private final long[] shape;
  private final float[] floats;
  private final long[] longs;

  private FeatureArray(DType dtype, long[] shape, float[] floats, long[] longs) {
    this.dtype = dtype;
    this.shape = shape.clone();
    this.floats = floats;
    this.longs = longs;
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
      }
      n *= d;
    }
    int length = floats != null ? floats.length : longs.length;
    if (n != length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " holds " + n + " values, but " + length + " were given");
    }
  }

  /** A float32 array of the given shape over {@code values} (not copied). */
  public static FeatureArray ofFloats(float[] values, long... shape) {
    return new FeatureArray(DType.FLOAT32, shape, values, null);
  }

  /** An int64 array of the given shape over {@code values} (not copied). */
  public static FeatureArray ofLongs(long[] values, long... shape) {
    return new FeatureArray(DType.INT64, shape, null, values);
  }

  /** Copies a float32, int32 or int64 tensor into a new array. */
  public static FeatureArray fromTensor(Tensor tensor) {
    long[] shape = tensor.shape().asArray();
    int n = Math.toIntExact(tensor.shape().size());
    if (tensor instanceof TFloat32 t) {
      float[] values = new float[n];
      t.copyTo(DataBuffers.of(values, false, false));
      return ofFloats(values, shape);
    }
    if (tensor instanceof TInt64 t) {
      long[] values = new long[n];
      t.copyTo(DataBuffers.of(values, false, false));
      return ofLongs(values, shape);
    }
    if (tensor instanceof TInt32 t) {
      int[] ints = new int[n];
      t.copyTo(DataBuffers.of(ints, false, false));
      return ofLongs(Arrays.stream(ints).asLongStream().toArray(), shape);
    }
    throw new IllegalArgumentException(
        "unsupported tensor type " + tensor.dataType() + " (expected float32, int32 or int64)");
  }

  /** A new tensor holding a copy of these values; the caller closes it. */
  public Tensor toTensor() {
    Shape s = Shape.of(shape);
    return dtype == DType.FLOAT32
        ? TFloat32.tensorOf(s, DataBuffers.of(floats, true, false))
        : TInt64.tensorOf(s, DataBuffers.of(longs, true, false));
  }

  public DType dtype() {
    return dtype;
  }

  /** The shape, first dimension = number of rows. */
  public long[] shape() {
    return shape.clone();
  }

  /** Number of rows (examples): the first dimension, or 1 for a scalar. */
  public int rows() {
    return shape.length == 0 ? 1 : Math.toIntExact(shape[0]);
  }

  /** Number of values in one row. */
  public int rowSize() {
    long n = 1;
    for (int i = 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return Math.toIntExact(n);
  }

  /** The float values, row-major (not a copy); fails for an int64 array. */
  public float[] floats() {
    if (floats == null) {
      throw new IllegalStateException("feature array holds int64 values, not float32");
    }
    return floats;
  }

  /** The int64 values, row-major (not a copy); fails for a float32 array. */
  public long[] longs() {
    if (longs == null) {
      throw new IllegalStateException("feature array holds float32 values, not int64");
    }
    return longs;
  }

  /** Rows {@code [from, to)} as a new array. */
  public FeatureArray rows(int from, int to) {
    int[] index = new int[to - from];
    for (int i = 0; i < index.length; i++) {
      index[i] = from + i;
    }
    return gather(index);
  }

  /** The rows at the given indices, stacked in that order. */
  public FeatureArray gather(int[] index) {
    int rs = rowSize();
    long[] newShape = shape.clone();
    newShape[0] = index.length;
    if (dtype == DType.FLOAT32) {
      float[] out = new float[index.length * rs];
      for (int i = 0; i < index.length; i++) {
        System.arraycopy(floats, index[i] * rs, out, i * rs, rs);
      }
      return ofFloats(out, newShape);
    }
    long[] out = new long[index.length * rs];
    for (int i = 0; i < index.length; i++) {
      System.arraycopy(longs, index[i] * rs, out, i * rs, rs);
    }
    return ofLongs(out, newShape);
  }

  /** The same values with a new shape of the same size. */
  public FeatureArray reshape(long... newShape) {
    return dtype == DType.FLOAT32 ? ofFloats(floats, newShape) : ofLongs(longs, newShape);
  }

  /** Stacks arrays of equal row shape along the first dimension. */
  public static FeatureArray concat(java.util.List<FeatureArray> parts) {
    FeatureArray first = parts.get(0);
    long rowsTotal = 0;
    for (FeatureArray p : parts) {
      if (p.dtype != first.dtype
          || !Arrays.equals(Arrays.copyOfRange(p.shape, 1, p.shape.length),
              Arrays.copyOfRange(first.shape, 1, first.shape.length))) {
        throw new IllegalArgumentException(
            "cannot stack " + p.dtype + Arrays.toString(p.shape) + " onto "
                + first.dtype + Arrays.toString(first.shape));
      }
      rowsTotal += p.shape[0];
    }
    long[] newShape = first.shape.clone();
    newShape[0] = rowsTotal;
    int offset = 0;
    if (first.dtype == DType.FLOAT32) {
      float[] out = new float[Math.toIntExact(rowsTotal * first.rowSize())];
      for (FeatureArray p : parts) {
        System.arraycopy(p.floats, 0, out, offset, p.floats.length);
        offset += p.floats.length;
      }
      return ofFloats(out, newShape);
    }
    long[] out = new long[Math.toIntExact(rowsTotal * first.rowSize())];
    for (FeatureArray p : parts) {
      System.arraycopy(p.longs, 0, out, offset, p.longs.length);
      offset += p.longs.length;
    }
    return ofLongs(out, newShape);
  }

  @Override
  public String toString() {
    return "FeatureArray(" + dtype.name().toLowerCase() + Arrays.toString(shape) + ")";
  }
}
