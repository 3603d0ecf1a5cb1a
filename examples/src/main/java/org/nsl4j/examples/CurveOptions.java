package org.nsl4j.examples;

import java.util.Arrays;
import picocli.CommandLine.Option;

/** The robustness curve's flags: which ε, how strong the PGD attack, on how many test digits. */
public final class CurveOptions {

  @Option(names = "--curve-eps", split = ",", paramLabel = "EPS",
      description = "L∞ perturbation sizes of the robustness curve, in [0, 1]; 0 is clean"
          + " accuracy (default: 0,0.05,0.1,0.15,0.2,0.25,0.3).")
  double[] eps = {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};

  @Option(names = "--curve-pgd-iterations", paramLabel = "N",
      description = "Iterations of the curve's PGD attack (default: ${DEFAULT-VALUE}).")
  int pgdIterations = 10;

  @Option(names = "--curve-limit", paramLabel = "N",
      description = "Number of test digits the curve is computed on (default: ${DEFAULT-VALUE}).")
  int limit = 1000;

  /** The ε values, ascending, without repeats. */
  public double[] eps() {
    return Arrays.stream(eps).sorted().distinct().toArray();
  }

  public int pgdIterations() {
    return pgdIterations;
  }

  public int limit() {
    return limit;
  }

  /** Checks every value; the message names the flag and the value. */
  public void validate() {
    if (eps.length == 0) {
      throw new IllegalArgumentException("--curve-eps needs at least one value");
    }
    for (double e : eps) {
      if (!(e >= 0 && e <= 1)) {
        throw new IllegalArgumentException(
            "--curve-eps values must be in [0, 1] (pixels are in [0, 1]), got " + e);
      }
    }
    if (pgdIterations < 1) {
      throw new IllegalArgumentException(
          "--curve-pgd-iterations must be positive, got " + pgdIterations);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("--curve-limit must be positive, got " + limit);
    }
  }
}
