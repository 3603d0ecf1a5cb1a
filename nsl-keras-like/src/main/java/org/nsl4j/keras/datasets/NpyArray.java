package org.nsl4j.keras.datasets;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nsl4j.keras.data.FeatureArray;

/** A NumPy array read from a {@code .npy} file or {@code .npz} entry, in C order. */
public final class NpyArray {

  private final String name;
  private final NpyType type;
  private final long[] shape;
  private final ByteBuffer data;

  NpyArray(String name, NpyType type, long[] shape, ByteBuffer data) {
    this.name = name;
    this.type = type;
    this.shape = shape.clone();
    this.data = data;
  }

  /** Where the array came from, as used in messages (file, and entry for an archive). */
  public String name() {
    return name;
  }

  /** The element type: {@code uint8}, {@code int32}, {@code int64} or {@code float32}. */
  public String dtype() {
    return type.toString();
  }

  /** The shape, as the header declares it. */
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public int size() {
    return data.capacity() / type.size();
  }

  /** The values as float32, same shape. */
  public FeatureArray toFloats() {
    float[] out = new float[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) type.get(data, i);
    }
    return FeatureArray.ofFloats(out, shape);
  }

  /** The values as int64, same shape; float32 values must be whole numbers. */
  public FeatureArray toLongs() throws DatasetFormatException {
    long[] out = new long[size()];
    for (int i = 0; i < out.length; i++) {
      if (type.isInteger()) {
        out[i] = type.getLong(data, i);
      } else {
        double v = type.get(data, i);
        if (v != Math.rint(v)) {
          throw new DatasetFormatException(
              name + ": value " + v + " at index " + i + " is not a whole number; expected"
                  + " integer labels");
        }
        out[i] = (long) v;
      }
    }
    return FeatureArray.ofLongs(out, shape);
  }

  @Override
  public String toString() {
    return name + " " + type + Arrays.toString(shape);
  }
}
