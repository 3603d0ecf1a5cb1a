package org.nsl4j.keras.robustness;

import java.util.Map;
import org.nsl4j.core.configs.NormType;
import org.nsl4j.keras.data.FeatureArray;

/**
 * The fast gradient method (Goodfellow et al. 2015; ART's {@code FastGradientMethod}): one step of
 * size ε along the loss gradient's steepest-ascent direction in the norm, then clipped to the box.
 * In L∞ that is FGSM, {@code x + ε·sign(∇)}; in L2 {@code x + ε·∇/‖∇‖₂}; in L1 ε spread over the
 * largest gradient entries.
 *
 * <pre>{@code
 * Attack fgsm = FastGradientMethod.builder().eps(0.2f).build();
 * }</pre>
 */
public final class FastGradientMethod extends GradientAttack {

  private static final long serialVersionUID = 1L;

  private FastGradientMethod(Builder b) {
    super(b);
  }

  /** A builder: ε 0.3, L∞ (FGSM), cross-entropy, untargeted. */
  public static Builder builder() {
    return new Builder();
  }

  /** FGSM of radius {@code eps}. */
  public static FastGradientMethod fgsm(float eps) {
    return builder().eps(eps).build();
  }

  @Override
  public String name() {
    return norm == NormType.INFINITY ? "fgsm" : "fgm";
  }

  @Override
  public FastGradientMethod withEps(float eps) {
    return new Builder().copy(this).eps(eps).build();
  }

  @Override
  public Map<String, Object> params() {
    return commonParams();
  }

  @Override
  void perturb(Classifier c, Batch batch, Tracker tracker) {
    GradientClassifier g = (GradientClassifier) c;
    LossGraph.Values v = LossGraph.of(g, loss, targeted)
        .run(batch.x(), batch.size(), batch.labels(), batch.targets());
    float[] x = StepGraph.of(g, norm).ascent(batch, batch.x(), v.gradient(), batch.eps());
    tracker.update(x, c.logits(FeatureArray.ofFloats(x, batch.size(), batch.width())).floats(),
        null);
  }

  @Override
  public String toString() {
    return name() + params();
  }

  /** Builder of a {@link FastGradientMethod}. */
  public static final class Builder extends GradientAttack.Builder<Builder> {
    private Builder() {}

    /** The loss whose gradient is followed (default cross-entropy). */
    public Builder loss(AttackLoss loss) {
      this.loss = loss;
      return this;
    }

    /** Validates the values and builds the attack. */
    public FastGradientMethod build() {
      return new FastGradientMethod(this);
    }
  }
}
