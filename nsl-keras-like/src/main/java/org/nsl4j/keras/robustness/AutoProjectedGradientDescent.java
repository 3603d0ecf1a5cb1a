package org.nsl4j.keras.robustness;

import java.util.Map;
import org.nsl4j.core.configs.NormType;

/**
 * Auto-PGD (Croce and Hein 2020, "Reliable evaluation of adversarial robustness with an ensemble
 * of diverse parameter-free attacks"; ART's {@code AutoProjectedGradientDescent}), L∞ or L2, with
 * the cross-entropy (APGD-CE) or the DLR loss (APGD-DLR). From a random point of the ε-ball, steps
 * with momentum 0.75 start at 2ε; at the checkpoints {@code w_j = ⌈p_j·maxIter⌉} ({@code p_0 = 0,
 * p_1 = 0.22, p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06)}) an example's step size is halved
 * and its search restarted from its best point when fewer than {@code rho} of the steps since the
 * last checkpoint raised its loss, or when its step was not halved at the last checkpoint and its
 * best loss has not risen since. Every iterate is projected onto the ball and clipped to the box.
 *
 * <pre>{@code
 * Attack apgd = AutoProjectedGradientDescent.builder().eps(0.3f).loss(AttackLoss.DLR).build();
 * }</pre>
 */
public final class AutoProjectedGradientDescent extends GradientAttack {

  private static final long serialVersionUID = 1L;

  /** The momentum of every step after the first. */
  public static final float MOMENTUM = 0.75f;

  private final int maxIter;
  private final int numRandomInit;
  private final float rho;

  private AutoProjectedGradientDescent(Builder b) {
    super(b);
    if (b.norm == NormType.L1) {
      throw new IllegalArgumentException("norm must be infinity or l2 for APGD, got l1");
    }
    this.maxIter = Checks.atLeast("maxIter", b.maxIter, 1);
    this.numRandomInit = Checks.atLeast("numRandomInit", b.numRandomInit, 1);
    this.rho = Checks.inUnitInterval("rho", b.rho);
  }

  /** A builder: ε 0.3, L∞, cross-entropy, 100 iterations, one random start, rho 0.75. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "apgd-" + loss.key();
  }

  public int maxIter() {
    return maxIter;
  }

  /** Restarts, each from a random point of the ball. */
  public int numRandomInit() {
    return numRandomInit;
  }

  @Override
  public AutoProjectedGradientDescent withEps(float newEps) {
    return new Builder().copy(this).eps(newEps).maxIter(maxIter).numRandomInit(numRandomInit)
        .rho(rho).build();
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = commonParams();
    p.put("max_iter", maxIter);
    p.put("num_random_init", numRandomInit);
    p.put("rho", Checks.decimal(rho));
    p.put("momentum", Checks.decimal(MOMENTUM));
    p.put("initial_step", "2*eps");
    return p;
  }

  @Override
  void perturb(Classifier c, Batch batch, Tracker tracker) {
    GradientClassifier g = (GradientClassifier) c;
    LossGraph lossGraph = LossGraph.of(g, loss, targeted);
    StepGraph steps = StepGraph.of(g, norm);
    restarts(batch, tracker, numRandomInit, (b, index, r) ->
        new AutoPgdRun(b, lossGraph, steps, tracker, index, maxIter, rho)
            .run(randomStart(steps, b, r)));
  }

  @Override
  public String toString() {
    return name() + params();
  }

  /** Builder of an {@link AutoProjectedGradientDescent}. */
  public static final class Builder extends GradientAttack.Builder<Builder> {
    private int maxIter = 100;
    private int numRandomInit = 1;
    private float rho = 0.75f;

    private Builder() {}

    /** The number of iterations (default 100). */
    public Builder maxIter(int maxIter) {
      this.maxIter = maxIter;
      return this;
    }

    /** Restarts from random points of the ball (default 1). */
    public Builder numRandomInit(int numRandomInit) {
      this.numRandomInit = numRandomInit;
      return this;
    }

    /** The share of loss-raising steps below which the step size is halved (default 0.75). */
    public Builder rho(float rho) {
      this.rho = rho;
      return this;
    }

    /** The loss ascended: cross-entropy (APGD-CE, the default) or DLR (APGD-DLR). */
    public Builder loss(AttackLoss loss) {
      this.loss = loss;
      return this;
    }

    /** Validates the values and builds the attack. */
    public AutoProjectedGradientDescent build() {
      return new AutoProjectedGradientDescent(this);
    }
  }
}
