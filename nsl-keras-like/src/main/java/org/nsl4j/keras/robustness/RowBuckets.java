package org.nsl4j.keras.robustness;

import java.util.Arrays;

/**
 * Row counts rounded up to a few sizes (powers of two up to {@value #STEP}, then multiples of it).
 * The attacks run the model on subsets of every size (restarts take the examples not fooled yet)
 * and TensorFlow's oneDNN kernels keep compiled code per input shape, so without buckets native
 * memory grows with every new subset size an ε sweep meets. Padding rows repeat the first row
 * and are dropped from the results; in inference mode the model treats rows independently.
 */
final class RowBuckets {

  static final int STEP = 32;

  private RowBuckets() {}

  /** The bucket of {@code n} rows: {@code n} rounded up (0 stays 0). */
  static int of(int n) {
    if (n <= 1) {
      return n;
    }
    if (n <= STEP) {
      return Integer.highestOneBit(n - 1) << 1;
    }
    return (n + STEP - 1) / STEP * STEP;
  }

  /** {@code rows} ({@code n} rows of {@code width}) padded to {@code to} rows with row 0. */
  static float[] pad(float[] rows, int n, int width, int to) {
    float[] out = Arrays.copyOf(rows, to * width);
    for (int i = n; i < to; i++) {
      System.arraycopy(rows, 0, out, i * width, width);
    }
    return out;
  }

  /** {@code values} padded to {@code to} entries with entry 0. */
  static long[] pad(long[] values, int to) {
    long[] out = Arrays.copyOf(values, to);
    Arrays.fill(out, values.length, to, values.length == 0 ? 0 : values[0]);
    return out;
  }
}
