package org.nsl4j.keras.robustness;

import org.nsl4j.core.configs.NormType;

/** Reference norms of a vector, computed in Java. */
final class Norms {

  private Norms() {}

  static float of(float[] d, NormType norm) {
    double s = 0;
    for (float v : d) {
      s = switch (norm) {
        case INFINITY -> Math.max(s, Math.abs(v));
        case L2 -> s + v * v;
        case L1 -> s + Math.abs(v);
      };
    }
    return (float) (norm == NormType.L2 ? Math.sqrt(s) : s);
  }
}
