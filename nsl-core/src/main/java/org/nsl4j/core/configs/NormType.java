package org.nsl4j.core.configs;

import java.util.Locale;

/** Vector norms used to bound and normalize adversarial perturbations. */
public enum NormType {
  /** Sum of absolute values. */
  L1,
  /** Euclidean norm. */
  L2,
  /** Largest absolute value. */
  INFINITY;

  private static final String ACCEPTED = "l1, l2, infinity (or linf, inf)";

  /**
   * Parses a norm name, ignoring case: {@code "l1"}, {@code "l2"}, or {@code "infinity"} (also
   * {@code "linf"} and {@code "inf"}).
   *
   * @throws IllegalArgumentException if the name is none of these
   */
  public static NormType parse(String name) {
    if (name == null) {
      throw new IllegalArgumentException("norm type must not be null; accepted: " + ACCEPTED);
    }
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "l1":
        return L1;
      case "l2":
        return L2;
      case "infinity":
      case "linf":
      case "inf":
        return INFINITY;
      default:
        throw new IllegalArgumentException(
            "unknown norm type '" + name + "'; accepted: " + ACCEPTED);
    }
  }
}
