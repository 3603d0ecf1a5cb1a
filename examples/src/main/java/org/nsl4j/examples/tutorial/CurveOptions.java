package org.nsl4j.examples.tutorial;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.examples.savedmodel.AttackOptions;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.AutoProjectedGradientDescent;
import org.nsl4j.keras.robustness.FastGradientMethod;
import picocli.CommandLine.Option;

/**
 * The robustness curve's flags: which ε, how strong the attacks, on how many test digits. The
 * curve's attacks are the library's white-box L∞ FGSM, PGD with restarts and APGD-CE, and their
 * worst case per digit.
 */
public final class CurveOptions {

  @Option(names = "--curve-eps", split = ",", paramLabel = "EPS",
      description = "L∞ perturbation sizes of the robustness curve, in [0, 1]; 0 is clean"
          + " accuracy (default: 0,0.1,0.2,0.3; a finer curve costs time: each point runs"
          + " FGSM, PGD with restarts and APGD-CE on --curve-limit digits per model).")
  double[] eps = {0, 0.1, 0.2, 0.3};

  @Option(names = "--curve-pgd-iterations", paramLabel = "N",
      description = "Steps of the curve's PGD attack, each 2.5·ε/N (default: ${DEFAULT-VALUE}).")
  int pgdIterations = 40;

  @Option(names = "--curve-pgd-restarts", paramLabel = "N",
      description = "Random starts of the curve's PGD attack (default: ${DEFAULT-VALUE}).")
  int pgdRestarts = 5;

  @Option(names = "--curve-apgd-iterations", paramLabel = "N",
      description = "Iterations of the curve's APGD-CE attack (default: ${DEFAULT-VALUE}).")
  int apgdIterations = 100;

  @Option(names = "--curve-limit", paramLabel = "N",
      description = "Number of test digits the curve is computed on (default: ${DEFAULT-VALUE};"
          + " 1000 or all 10000 for a tighter estimate, at about 15 ms per digit, point and"
          + " model on 2 cores).")
  int limit = 300;

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

  /** The curve's attacks by label ({@code FGSM}, {@code PGD-40x5}, {@code APGD-CE}) at ε 0.1. */
  public Map<String, Attack> attacks(int batchSize) {
    Map<String, Attack> attacks = new LinkedHashMap<>();
    attacks.put("FGSM", FastGradientMethod.builder().eps(0.1f).batchSize(batchSize).build());
    attacks.put(AttackOptions.pgdLabel(pgdIterations, pgdRestarts),
        AttackOptions.pgd(0.1f, pgdIterations, pgdRestarts, batchSize));
    attacks.put("APGD-CE", AutoProjectedGradientDescent.builder().eps(0.1f)
        .maxIter(apgdIterations).batchSize(batchSize).build());
    return attacks;
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
    positive("--curve-pgd-iterations", pgdIterations);
    positive("--curve-pgd-restarts", pgdRestarts);
    positive("--curve-apgd-iterations", apgdIterations);
    positive("--curve-limit", limit);
  }

  private static void positive(String flag, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + " must be positive, got " + value);
    }
  }
}
