package org.nsl4j.core.configs;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Validation of configuration values; every failure names the field and the value. */
final class ConfigChecks {

  private ConfigChecks() {}

  static void finite(String field, float value) {
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be finite, got " + value);
    }
  }

  static void finiteNonNegative(String field, float value) {
    if (!Float.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
    }
  }

  static void finitePositive(String field, float value) {
    if (!Float.isFinite(value) || value <= 0) {
      throw new IllegalArgumentException(field + " must be finite and > 0, got " + value);
    }
  }

  static void atLeastOne(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + value);
    }
  }

  /** Every mask value must lie in [0, 1]. */
  static void maskValues(FeatureConstants mask) {
    forEachConstant(
        mask,
        (where, constant) -> {
          for (int i = 0; i < constant.size(); i++) {
            float v = constant.value(i);
            if (!(v >= 0 && v <= 1)) {
              throw new IllegalArgumentException(
                  "featureMask values must lie in [0, 1], got " + v + " for " + where);
            }
          }
        });
  }

  /** No clip bound may be NaN. */
  static void notNaN(String field, FeatureConstants bounds) {
    forEachConstant(
        bounds,
        (where, constant) -> {
          for (int i = 0; i < constant.size(); i++) {
            if (Float.isNaN(constant.value(i))) {
              throw new IllegalArgumentException(field + " must not be NaN, got NaN for " + where);
            }
          }
        });
  }

  /** Where both bounds apply to a feature, the lower one may nowhere exceed the upper one. */
  static void clipOrder(FeatureConstants min, FeatureConstants max) {
    if (min.shared().isPresent() && max.shared().isPresent()) {
      ordered(min.shared().get(), max.shared().get(), "all features");
    }
    Set<String> keys = new LinkedHashSet<>(min.perKey().keySet());
    keys.addAll(max.perKey().keySet());
    for (String key : keys) {
      Optional<FeatureConstant> lo = min.get(key);
      Optional<FeatureConstant> hi = max.get(key);
      if (lo.isPresent() && hi.isPresent()) {
        ordered(lo.get(), hi.get(), "feature '" + key + "'");
      }
    }
  }

  private static void ordered(FeatureConstant lo, FeatureConstant hi, String where) {
    long[] shape = broadcastShape(lo.shape(), hi.shape(), where);
    long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    for (long flat = 0; flat < size; flat++) {
      float a = lo.value(sourceIndex(flat, shape, lo.shape()));
      float b = hi.value(sourceIndex(flat, shape, hi.shape()));
      if (a > b) {
        throw new IllegalArgumentException(
            "clipValueMin (" + a + ") exceeds clipValueMax (" + b + ") for " + where);
      }
    }
  }

  private static long[] broadcastShape(long[] a, long[] b, String where) {
    int rank = Math.max(a.length, b.length);
    long[] shape = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            "clipValueMin shape " + Arrays.toString(a) + " does not broadcast against clipValueMax"
                + " shape " + Arrays.toString(b) + " for " + where);
      }
      shape[i] = Math.max(da, db);
    }
    return shape;
  }

  /** Row-major index into {@code source} of the broadcast element at {@code flat} of {@code shape}. */
  private static int sourceIndex(long flat, long[] shape, long[] source) {
    long index = 0;
    long stride = 1;
    for (int i = shape.length - 1, j = source.length - 1; j >= 0; i--, j--) {
      long coordinate = flat % shape[i];
      flat /= shape[i];
      if (source[j] != 1) {
        index += coordinate * stride;
      }
      stride *= source[j];
    }
    return Math.toIntExact(index);
  }

  private interface ConstantCheck {
    void check(String where, FeatureConstant constant);
  }

  private static void forEachConstant(FeatureConstants constants, ConstantCheck check) {
    constants.shared().ifPresent(c -> check.check("all features", c));
    for (Map.Entry<String, FeatureConstant> e : constants.perKey().entrySet()) {
      check.check("feature '" + e.getKey() + "'", e.getValue());
    }
  }
}
