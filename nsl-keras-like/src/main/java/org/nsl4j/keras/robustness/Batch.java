package org.nsl4j.keras.robustness;

import java.util.function.Consumer;

/**
 * One batch under attack, flattened: {@code size()} rows of {@code width} inputs, their labels,
 * the targets of a targeted attack (else null), each example's ε, each example's index in the
 * data and the attack's seed, from which every example's random choices derive. An observer, if
 * any, sees every iterate an attack evaluates (tests check them).
 */
record Batch(float[] x, int width, long[] labels, long[] targets, float[] eps, long[] ids,
    long seed, Consumer<float[]> observer) {

  int size() {
    return labels.length;
  }

  /** The rows {@code index} of this batch, with their labels, targets, ε and indices. */
  Batch subset(int[] index) {
    float[] rows = new float[index.length * width];
    long[] y = new long[index.length];
    long[] t = targets == null ? null : new long[index.length];
    float[] e = new float[index.length];
    long[] id = new long[index.length];
    for (int i = 0; i < index.length; i++) {
      System.arraycopy(x, index[i] * width, rows, i * width, width);
      y[i] = labels[index[i]];
      if (t != null) {
        t[i] = targets[index[i]];
      }
      e[i] = eps[index[i]];
      id[i] = ids[index[i]];
    }
    return new Batch(rows, width, y, t, e, id, seed, observer);
  }

  /** Shows {@code iterate} to the observer, if any. */
  void observe(float[] iterate) {
    if (observer != null) {
      observer.accept(iterate);
    }
  }

  /**
   * The seed of row {@code row}'s random choices in restart {@code restart}: it depends on the
   * attack's seed, the example's index in the data and the restart only, so that an example is
   * attacked alike whatever batch or part of the data it is attacked in.
   */
  long exampleSeed(int row, int restart) {
    return mix(mix(seed, ids[row]), restart);
  }

  /** A well-mixed seed from {@code seed} and {@code salt} (SplitMix64's finalizer). */
  static long mix(long seed, long salt) {
    long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
