package org.nsl4j.examples.tutorial;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nsl4j.core.configs.NormType;
import picocli.CommandLine.Option;

/**
 * How a model is trained, adversarially regularized or not: batch size, epochs, Adam's learning
 * rate, the adversarial config and the seed, each a command-line flag; defaults are the NSL
 * tutorial's.
 */
public final class TrainingParams {

  @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}); one"
      + " larger than the training examples is clamped to their number, with a warning.")
  int batchSize = 32;

  @Option(names = "--epochs", description = "Training epochs (default: ${DEFAULT-VALUE}).")
  int epochs = 5;

  @Option(names = "--learning-rate", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate = 0.001f;

  @Option(names = "--adv-multiplier",
      description = "Weight of the adversarial loss (default: ${DEFAULT-VALUE}).")
  float advMultiplier = 0.2f;

  @Option(names = "--adv-step-size",
      description = "Adversarial perturbation step size (default: ${DEFAULT-VALUE}).")
  public float advStepSize = 0.2f;

  @Option(names = "--adv-grad-norm",
      description = "Perturbation norm: infinity, l2 or l1 (default: ${DEFAULT-VALUE}).")
  String advGradNorm = "infinity";

  @Option(names = {"--adv-pgd-iterations", "--pgd-iterations"}, paramLabel = "N",
      description = "PGD iterations of the training attack, each of --adv-step-size (default:"
          + " ${DEFAULT-VALUE}, FGSM).")
  public int pgdIterations = 1;

  @Option(names = {"--adv-pgd-epsilon", "--pgd-epsilon"}, paramLabel = "E",
      description = "Radius of the ball every PGD step is projected onto (default: none, as in"
          + " NSL: no projection).")
  public Float pgdEpsilon;

  @Option(names = "--adv-random-init",
      description = "Start the training attack from a random point of the --adv-pgd-epsilon"
          + " ball (of the --adv-step-size ball without it). A PGD attack (this, or more than"
          + " one iteration) clips every step to the pixel range [0, 1].")
  boolean randomInit;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  public int batchSize() {
    return batchSize;
  }

  public int epochs() {
    return epochs;
  }

  public float learningRate() {
    return learningRate;
  }

  public float advMultiplier() {
    return advMultiplier;
  }

  public float advStepSize() {
    return advStepSize;
  }

  public NormType advGradNorm() {
    return NormType.parse(advGradNorm);
  }

  public int pgdIterations() {
    return pgdIterations;
  }

  public Float pgdEpsilon() {
    return pgdEpsilon;
  }

  public boolean randomInit() {
    return randomInit;
  }

  /**
   * Whether the training attack is PGD (several iterations or a random start), which clips every
   * step to the pixel range [0, 1]; the tutorial's one-step FGSM is not clipped, as in NSL.
   */
  public boolean clipsEveryStep() {
    return pgdIterations > 1 || randomInit;
  }

  public long seed() {
    return seed;
  }

  /** Checks every value; the message names the flag and the value. */
  public void validate() {
    positive("--batch-size", batchSize);
    if (epochs < 0) {
      throw new IllegalArgumentException("--epochs must be >= 0, got " + epochs);
    }
    finitePositive("--learning-rate", learningRate);
    if (!(advMultiplier >= 0f && Float.isFinite(advMultiplier))) {
      throw new IllegalArgumentException(
          "--adv-multiplier must be finite and >= 0, got " + advMultiplier);
    }
    finitePositive("--adv-step-size", advStepSize);
    advGradNorm();
    positive("--adv-pgd-iterations", pgdIterations);
    if (pgdEpsilon != null) {
      finitePositive("--adv-pgd-epsilon", pgdEpsilon);
    }
  }

  /**
   * Clamps {@code --batch-size} to the {@code examples} there are to train on, with one warning,
   * so that no batch larger than the data is ever allocated.
   */
  public void clampBatchSize(long examples) {
    if (examples > 0 && batchSize > examples) {
      System.out.printf(Locale.ROOT, "warning: --batch-size %d is larger than the %d training"
          + " examples; using %d%n", batchSize, examples, examples);
      batchSize = (int) examples;
    }
  }

  /** The training perturbation's norm as reports name it: {@code infinity}, {@code l2}... */
  public String normName() {
    return advGradNorm().name().toLowerCase(Locale.ROOT);
  }

  /** The values as a JSON-ready map (for reports). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("batch_size", batchSize);
    m.put("epochs", epochs);
    m.put("learning_rate", learningRate);
    m.put("adv_multiplier", advMultiplier);
    m.put("adv_step_size", advStepSize);
    m.put("adv_grad_norm", normName());
    m.put("pgd_iterations", pgdIterations);
    m.put("pgd_epsilon", pgdEpsilon);
    m.put("random_init", randomInit);
    m.put("adv_clip", clipsEveryStep() ? "every step to [0, 1]" : "none");
    m.put("seed", seed);
    return m;
  }

  public static void positive(String flag, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + " must be positive, got " + value);
    }
  }

  static void finitePositive(String flag, float value) {
    if (!(value > 0f && Float.isFinite(value))) {
      throw new IllegalArgumentException(flag + " must be finite and positive, got " + value);
    }
  }
}
