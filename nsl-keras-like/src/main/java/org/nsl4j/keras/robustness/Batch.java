package org.nsl4j.keras.robustness;

import java.util.function.Consumer;

/**
 * One batch under attack, flattened: {@code size()} rows of {@code width} inputs, their labels,
 * the targets of a targeted attack (else null), each example's ε and the batch's random seed. An
 * observer, if any, sees every iterate an attack evaluates (tests check them).
 */
record Batch(float[] x, int width, long[] labels, long[] targets, float[] eps, long seed,
    Consumer<float[]> observer) {

  int size() {
    return labels.length;
  }

  /** The rows {@code index} of this batch, with their labels, targets and ε. */
  Batch subset(int[] index, long subsetSeed) {
    float[] rows = new float[index.length * width];
    long[] y = new long[index.length];
    long[] t = targets == null ? null : new long[index.length];
    float[] e = new float[index.length];
    for (int i = 0; i < index.length; i++) {
      System.arraycopy(x, index[i] * width, rows, i * width, width);
      y[i] = labels[index[i]];
      if (t != null) {
        t[i] = targets[index[i]];
      }
      e[i] = eps[index[i]];
    }
    return new Batch(rows, width, y, t, e, subsetSeed, observer);
  }

  /** Shows {@code iterate} to the observer, if any. */
  void observe(float[] iterate) {
    if (observer != null) {
      observer.accept(iterate);
    }
  }

  /** A seed derived from this batch's seed and {@code salt}, for an independent random stream. */
  long derive(long salt) {
    return mix(seed, salt);
  }

  /** A well-mixed seed from {@code seed} and {@code salt} (SplitMix64's finalizer). */
  static long mix(long seed, long salt) {
    long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
