package org.nsl4j.core.adversarial;

import org.nsl4j.core.configs.NormType;

/** Plain-Java norms and ball projections of one vector, independent of the graph code. */
final class ReferenceNorms {

  private ReferenceNorms() {}

  static float norm(float[] v, NormType norm) {
    double n = 0;
    for (float x : v) {
      switch (norm) {
        case L1 -> n += Math.abs(x);
        case L2 -> n += (double) x * x;
        case INFINITY -> n = Math.max(n, Math.abs(x));
      }
    }
    return (float) (norm == NormType.L2 ? Math.sqrt(n) : n);
  }

  static float[] project(float[] v, float epsilon, NormType norm) {
    float[] p = new float[v.length];
    switch (norm) {
      case INFINITY -> {
        for (int i = 0; i < v.length; i++) {
          p[i] = Math.max(-epsilon, Math.min(epsilon, v[i]));
        }
      }
      case L2 -> {
        double scale = Math.min(1, epsilon / norm(v, NormType.L2));
        for (int i = 0; i < v.length; i++) {
          p[i] = (float) (v[i] * scale);
        }
      }
      case L1 -> {
        // Bisection on the soft threshold theta with sum(max(|v| - theta, 0)) = epsilon.
        double theta = 0;
        if (norm(v, NormType.L1) > epsilon) {
          double lo = 0;
          double hi = norm(v, NormType.INFINITY);
          for (int k = 0; k < 200; k++) {
            theta = (lo + hi) / 2;
            double s = 0;
            for (float x : v) {
              s += Math.max(Math.abs(x) - theta, 0);
            }
            if (s > epsilon) {
              lo = theta;
            } else {
              hi = theta;
            }
          }
        }
        for (int i = 0; i < v.length; i++) {
          p[i] = (float) (Math.signum(v[i]) * Math.max(Math.abs(v[i]) - theta, 0));
        }
      }
    }
    return p;
  }
}
