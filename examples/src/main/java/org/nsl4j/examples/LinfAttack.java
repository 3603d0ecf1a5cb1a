package org.nsl4j.examples;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.NormType;

/**
 * A white-box L∞ attack of radius ε in pixel units, as {@code perturbOnBatch} overrides: FGSM
 * (one step of size ε) or PGD ({@code iterations} steps of {@value #PGD_STEP_FACTOR}·ε /
 * iterations, projected onto the ε-ball), without random start.
 *
 * @param kind FGSM or PGD
 * @param eps the radius, in pixel units
 * @param iterations the number of steps (1 for FGSM)
 */
record LinfAttack(Kind kind, double eps, int iterations) {

  /** PGD's step size is this factor times ε over the number of iterations. */
  static final double PGD_STEP_FACTOR = 2.5;

  /** The two attacks. */
  enum Kind {
    FGSM,
    PGD;

    /** Lower-case name, as in reports and on the command line. */
    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  LinfAttack {
    if (kind == Kind.FGSM && iterations != 1) {
      throw new IllegalArgumentException("FGSM takes one step, not " + iterations);
    }
  }

  /** The attack {@code kind} of radius {@code eps}, PGD with {@code pgdIterations} steps. */
  static LinfAttack of(Kind kind, double eps, int pgdIterations) {
    return new LinfAttack(kind, eps, kind == Kind.FGSM ? 1 : pgdIterations);
  }

  /** The size of each step, in pixel units. */
  double stepSize() {
    return kind == Kind.FGSM ? eps : PGD_STEP_FACTOR * eps / iterations;
  }

  /** The neighbor-config overrides for inputs in pixel units. */
  UnaryOperator<AdvNeighborConfig.Builder> overrides() {
    return overrides(1);
  }

  /**
   * The neighbor-config overrides for inputs that are {@code scale} times the pixels (plus any
   * offset): steps and radius scale with them.
   */
  UnaryOperator<AdvNeighborConfig.Builder> overrides(double scale) {
    float step = (float) (scale * stepSize());
    float radius = (float) (scale * eps);
    return b -> b.advGradNorm(NormType.INFINITY).advStepSize(step).pgdIterations(iterations)
        .pgdEpsilon(radius).randomInit(false);
  }

  /** {@code FGSM} or {@code PGD-<iterations>}. */
  String label() {
    return kind == Kind.FGSM ? "FGSM" : "PGD-" + iterations;
  }

  /** The attack in words, e.g. {@code FGSM (one step of ε = 0.2)}. */
  String describe() {
    return kind == Kind.FGSM
        ? String.format(Locale.ROOT, "FGSM (one step of \u03B5 = %s)", eps)
        : String.format(Locale.ROOT, "%s (%d steps of %.4f, projected onto the \u03B5 = %s ball)",
            label(), iterations, stepSize(), eps);
  }
}
