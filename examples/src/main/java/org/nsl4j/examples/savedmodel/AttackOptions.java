package org.nsl4j.examples.savedmodel;

import java.util.Locale;
import java.util.Map;
import org.nsl4j.examples.tutorial.TrainingParams;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.AutoProjectedGradientDescent;
import org.nsl4j.keras.robustness.FastGradientMethod;
import org.nsl4j.keras.robustness.ProjectedGradientDescent;
import org.nsl4j.keras.robustness.SquareAttack;
import org.nsl4j.keras.robustness.WorstCaseAttack;
import picocli.CommandLine.Option;

/** The flags naming one library attack: which, its ε and its budget. */
public final class AttackOptions {

  /** The attacks {@code --attack} names. */
  static final String NAMES = "fgsm, pgd, apgd, square, worst or none";

  @Option(names = "--attack", paramLabel = "ATTACK",
      description = "fgsm, pgd (with restarts), apgd (APGD-CE), square (black-box, scores only),"
          + " worst (the worst case of fgsm, pgd and apgd per digit) or none (default:"
          + " ${DEFAULT-VALUE}).")
  String attack = "fgsm";

  @Option(names = "--eps", paramLabel = "E",
      description = "L\u221E radius of the attack in pixels, in (0, 1] (default:"
          + " ${DEFAULT-VALUE}).")
  double eps = 0.2;

  @Option(names = "--pgd-iterations", paramLabel = "N",
      description = "Steps of the PGD attack, each 2.5\u00B7eps/N (default: ${DEFAULT-VALUE}).")
  int pgdIterations = 10;

  @Option(names = "--pgd-restarts", paramLabel = "N",
      description = "Random starts of the PGD attack; 0 starts at the digit (default:"
          + " ${DEFAULT-VALUE}).")
  int pgdRestarts = 1;

  @Option(names = "--apgd-iterations", paramLabel = "N",
      description = "Iterations of the APGD-CE attack (default: ${DEFAULT-VALUE}).")
  int apgdIterations = 100;

  @Option(names = "--square-queries", paramLabel = "N",
      description = "Query budget of the Square attack per digit (default: ${DEFAULT-VALUE}).")
  int squareQueries = 1000;

  /** Whether {@code --attack none}. */
  boolean none() {
    return name().equals("none");
  }

  /** Whether the attack is Square, which needs no gradients. */
  boolean square() {
    return name().equals("square");
  }

  String name() {
    return attack.toLowerCase(Locale.ROOT);
  }

  /** The attack asked for, checked; null for {@code none}. */
  Attack build(int batchSize) {
    String name = name();
    if (!Map.of("fgsm", 1, "pgd", 1, "apgd", 1, "square", 1, "worst", 1, "none", 1)
        .containsKey(name)) {
      throw new IllegalArgumentException("--attack must be " + NAMES + ", got '" + attack + "'");
    }
    if (name.equals("none")) {
      return null;
    }
    if (!(eps > 0 && eps <= 1)) {
      throw new IllegalArgumentException(
          "--eps must be in (0, 1] (pixels are in [0, 1]), got " + eps);
    }
    TrainingParams.positive("--pgd-iterations", pgdIterations);
    if (pgdRestarts < 0) {
      throw new IllegalArgumentException("--pgd-restarts must be >= 0, got " + pgdRestarts);
    }
    TrainingParams.positive("--apgd-iterations", apgdIterations);
    TrainingParams.positive("--square-queries", squareQueries);
    float e = (float) eps;
    Attack fgsm = FastGradientMethod.builder().eps(e).batchSize(batchSize).build();
    Attack pgd = pgd(e, pgdIterations, pgdRestarts, batchSize);
    Attack apgd = AutoProjectedGradientDescent.builder().eps(e).maxIter(apgdIterations)
        .batchSize(batchSize).build();
    return switch (name) {
      case "fgsm" -> fgsm;
      case "pgd" -> pgd;
      case "apgd" -> apgd;
      case "square" -> square(e, batchSize);
      default -> WorstCaseAttack.of(fgsm, pgd, apgd);
    };
  }

  /** The Square attack with this budget, for a model that cannot be attacked white-box. */
  Attack square(float e, int batchSize) {
    return SquareAttack.builder().eps(e).maxIter(squareQueries).batchSize(batchSize).build();
  }

  /** L∞ PGD of {@code iterations} steps of 2.5·ε/iterations and {@code restarts} random starts. */
  public static Attack pgd(float eps, int iterations, int restarts, int batchSize) {
    return ProjectedGradientDescent.builder().eps(eps).maxIter(iterations)
        .numRandomInit(restarts).batchSize(batchSize).build();
  }

  /** {@code PGD-40x5}, or {@code PGD-40} with at most one start. */
  public static String pgdLabel(int iterations, int restarts) {
    return "PGD-" + iterations + (restarts > 1 ? "x" + restarts : "");
  }
}
