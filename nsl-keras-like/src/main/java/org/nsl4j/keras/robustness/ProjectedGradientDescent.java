package org.nsl4j.keras.robustness;

import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;

/**
 * Projected gradient descent (Madry et al. 2018; ART's {@code ProjectedGradientDescent}, BIM
 * without random start): {@code maxIter} steps of {@code epsStep} along the loss gradient's
 * steepest-ascent direction, each projected onto the ε-ball and clipped to the box, from the input
 * or, with {@code numRandomInit} ≥ 1, from that many uniformly random points of the ball
 * (restarts); per example the first iterate that fools the classifier is kept. Restarts only
 * attack the examples not fooled yet.
 *
 * <pre>{@code
 * Attack pgd = ProjectedGradientDescent.builder()
 *     .eps(0.3f).epsStep(0.01f).maxIter(40).numRandomInit(5).build();
 * }</pre>
 */
public final class ProjectedGradientDescent extends GradientAttack {

  private static final long serialVersionUID = 1L;

  /** Without an explicit {@code epsStep}, each step is this factor times ε over the iterations. */
  public static final float DEFAULT_STEP_FACTOR = 2.5f;

  private final Float epsStep;
  private final int maxIter;
  private final int numRandomInit;

  private ProjectedGradientDescent(Builder b) {
    super(b);
    this.epsStep = b.epsStep == null ? null : Checks.positive("epsStep", b.epsStep);
    this.maxIter = Checks.atLeast("maxIter", b.maxIter, 1);
    this.numRandomInit = Checks.atLeast("numRandomInit", b.numRandomInit, 0);
  }

  /** A builder: ε 0.3, L∞, 40 steps of 2.5·ε/40, no random start, cross-entropy, untargeted. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return numRandomInit == 0 ? "bim" : "pgd";
  }

  /** The size of each step. */
  public float epsStep() {
    return epsStep != null ? epsStep : DEFAULT_STEP_FACTOR * eps / maxIter;
  }

  public int maxIter() {
    return maxIter;
  }

  /** Random starts (restarts); 0 starts once from the input. */
  public int numRandomInit() {
    return numRandomInit;
  }

  /** This attack with radius {@code eps}; an explicit step size keeps its ratio to ε. */
  @Override
  public ProjectedGradientDescent withEps(float newEps) {
    Builder b = new Builder().copy(this).eps(newEps).maxIter(maxIter)
        .numRandomInit(numRandomInit);
    if (epsStep != null) {
      b.epsStep(epsStep * newEps / eps);
    }
    return b.build();
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = commonParams();
    p.put("eps_step", Checks.decimal(epsStep()));
    p.put("max_iter", maxIter);
    p.put("num_random_init", numRandomInit);
    return p;
  }

  @Override
  void perturb(Classifier c, Batch batch, Tracker tracker) {
    GradientClassifier g = (GradientClassifier) c;
    LossGraph lossGraph = LossGraph.of(g, loss, targeted);
    StepGraph steps = StepGraph.of(g, norm);
    float ratio = epsStep() / eps;
    restarts(batch, tracker, Math.max(1, numRandomInit), (b, index, r) -> {
      float[] stepSizes = new float[b.size()];
      for (int i = 0; i < stepSizes.length; i++) {
        stepSizes[i] = ratio * b.eps()[i];
      }
      float[] x = numRandomInit > 0 ? randomStart(steps, b, r) : b.x();
      for (int i = 0; i < maxIter; i++) {
        LossGraph.Values v = lossGraph.run(x, b.size(), b.labels(), b.targets());
        tracker.update(x, v.logits(), index);
        x = steps.ascent(b, x, v.gradient(), stepSizes);
      }
      tracker.update(x, c.logits(FeatureArray.ofFloats(x, b.size(), b.width())).floats(), index);
    });
  }

  @Override
  public String toString() {
    return name() + params();
  }

  /** Builder of a {@link ProjectedGradientDescent}. */
  public static final class Builder extends GradientAttack.Builder<Builder> {
    private Float epsStep;
    private int maxIter = 40;
    private int numRandomInit;

    private Builder() {}

    /** The size of each step (default 2.5·ε/maxIter). */
    public Builder epsStep(float epsStep) {
      this.epsStep = epsStep;
      return this;
    }

    /** The number of steps (default 40). */
    public Builder maxIter(int maxIter) {
      this.maxIter = maxIter;
      return this;
    }

    /** Random starts, each a restart (default 0: one run from the input, BIM). */
    public Builder numRandomInit(int numRandomInit) {
      this.numRandomInit = numRandomInit;
      return this;
    }

    /** The loss ascended (default cross-entropy). */
    public Builder loss(AttackLoss loss) {
      this.loss = loss;
      return this;
    }

    /** Validates the values and builds the attack. */
    public ProjectedGradientDescent build() {
      return new ProjectedGradientDescent(this);
    }
  }
}
