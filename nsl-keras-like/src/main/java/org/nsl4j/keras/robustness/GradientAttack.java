package org.nsl4j.keras.robustness;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nsl4j.core.configs.NormType;

/**
 * What every gradient attack is configured with: ε, the norm, the loss, targeted or not, the
 * batch size and the seed.
 */
abstract class GradientAttack extends Attack {

  private static final long serialVersionUID = 1L;

  /** Default examples per batch. */
  static final int DEFAULT_BATCH_SIZE = 128;

  final float eps;
  final NormType norm;
  final AttackLoss loss;
  final boolean targeted;
  final int batchSize;
  final long seed;

  GradientAttack(Builder<?> b) {
    this.eps = Checks.positive("eps", b.eps);
    this.norm = Objects.requireNonNull(b.norm, "norm");
    this.loss = Objects.requireNonNull(b.loss, "loss");
    this.targeted = b.targeted;
    this.batchSize = Checks.atLeast("batchSize", b.batchSize, 1);
    this.seed = b.seed;
  }

  @Override
  public float eps() {
    return eps;
  }

  /** The norm of the ε-ball and of the steps. */
  public NormType norm() {
    return norm;
  }

  /** The loss ascended. */
  public AttackLoss loss() {
    return loss;
  }

  @Override
  public boolean targeted() {
    return targeted;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  void check(Classifier c) {
    super.check(c);
    int needed = loss == AttackLoss.DLR ? (targeted ? 4 : 3) : 2;
    if (c.numClasses() < needed) {
      throw new IllegalArgumentException("loss " + loss.key() + (targeted ? " (targeted)" : "")
          + " needs at least " + needed + " classes, " + c.describe() + " has "
          + c.numClasses());
    }
  }

  /**
   * The key of restart {@code r}'s random start of row {@code row} of {@code b}: distinct per
   * attack kind, example and restart, and the same on every run and in every batch.
   */
  long[] randomKey(Batch b, int row, int r) {
    return new long[] {b.exampleSeed(row, r), Batch.mix(name().hashCode(), r)};
  }

  /** Restart {@code r}'s random start of every example of {@code b}, one example at a time. */
  float[] randomStart(StepGraph steps, Batch b, int r) {
    float[] x = new float[b.size() * b.width()];
    for (int j = 0; j < b.size(); j++) {
      float[] row = steps.randomStart(b.subset(new int[] {j}), randomKey(b, j, r));
      System.arraycopy(row, 0, x, j * b.width(), b.width());
    }
    return x;
  }

  /** The common parameters, for reports. */
  Map<String, Object> commonParams() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("eps", Checks.decimal(eps));
    p.put("norm", norm.name().toLowerCase(Locale.ROOT));
    p.put("loss", loss.key());
    p.put("targeted", targeted);
    p.put("batch_size", batchSize);
    p.put("seed", seed);
    p.put("clip", "every step");
    return p;
  }

  /**
   * Setters shared by the gradient attacks' builders.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  public abstract static class Builder<B extends Builder<B>> {
    float eps = 0.3f;
    NormType norm = NormType.INFINITY;
    AttackLoss loss = AttackLoss.CE;
    boolean targeted;
    int batchSize = DEFAULT_BATCH_SIZE;
    long seed;

    Builder() {}

    @SuppressWarnings("unchecked")
    B self() {
      return (B) this;
    }

    /** The radius of the perturbation, in input units (default 0.3). */
    public B eps(float eps) {
      this.eps = eps;
      return self();
    }

    /** The norm of the ball and the steps (default infinity). */
    public B norm(NormType norm) {
      this.norm = norm;
      return self();
    }

    /** The norm by name: {@code infinity} ({@code linf}), {@code l2}, {@code l1}. */
    public B norm(String norm) {
      return norm(NormType.parse(norm));
    }

    /** Whether to aim at target classes given to {@code generate} (default false). */
    public B targeted(boolean targeted) {
      this.targeted = targeted;
      return self();
    }

    /** Examples attacked together (default 128). */
    public B batchSize(int batchSize) {
      this.batchSize = batchSize;
      return self();
    }

    /** The seed of random starts (default 0). */
    public B seed(long seed) {
      this.seed = seed;
      return self();
    }

    B copy(GradientAttack a) {
      eps = a.eps;
      norm = a.norm;
      loss = a.loss;
      targeted = a.targeted;
      batchSize = a.batchSize;
      seed = a.seed;
      return self();
    }
  }
}
