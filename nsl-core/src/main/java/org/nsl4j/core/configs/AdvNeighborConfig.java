package org.nsl4j.core.configs;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration for generating adversarial neighbors (NSL's {@code nsl.configs.AdvNeighborConfig}).
 * Immutable; create one with {@link #builder()} and derive variants with {@link #toBuilder()}.
 */
public final class AdvNeighborConfig {

  private static final Logger LOG = LoggerFactory.getLogger(AdvNeighborConfig.class);

  /** Default step size of each attack step. */
  public static final float DEFAULT_ADV_STEP_SIZE = 0.001f;
  /** Default norm of the perturbation. */
  public static final NormType DEFAULT_ADV_GRAD_NORM = NormType.L2;
  /** Default number of attack iterations: 1, the fast gradient sign method. */
  public static final int DEFAULT_PGD_ITERATIONS = 1;

  private final FeatureConstants featureMask;
  private final float advStepSize;
  private final NormType advGradNorm;
  private final FeatureConstants clipValueMin;
  private final FeatureConstants clipValueMax;
  private final int pgdIterations;
  private final Float pgdEpsilon;
  private final boolean randomInit;
  private final long randomSeed;

  private AdvNeighborConfig(AbstractBuilder<?> b) {
    ConfigChecks.maskValues(b.featureMask);
    ConfigChecks.finiteNonNegative("advStepSize", b.advStepSize);
    ConfigChecks.notNaN("clipValueMin", b.clipValueMin);
    ConfigChecks.notNaN("clipValueMax", b.clipValueMax);
    ConfigChecks.clipOrder(b.clipValueMin, b.clipValueMax);
    ConfigChecks.atLeastOne("pgdIterations", b.pgdIterations);
    if (b.pgdEpsilon != null) {
      ConfigChecks.finitePositive("pgdEpsilon", b.pgdEpsilon);
    } else if (b.pgdIterations > 1 || b.randomInit) {
      unboundedAttack(b);
    }
    featureMask = b.featureMask;
    advStepSize = b.advStepSize;
    advGradNorm = b.advGradNorm;
    clipValueMin = b.clipValueMin;
    clipValueMax = b.clipValueMax;
    pgdIterations = b.pgdIterations;
    pgdEpsilon = b.pgdEpsilon;
    randomInit = b.randomInit;
    randomSeed = b.randomSeed;
  }

  /**
   * NSL's leniency: several iterations or a random start without {@code pgdEpsilon} are allowed,
   * unprojected, with a warning; the random start then comes from the {@code advStepSize} ball.
   */
  private static void unboundedAttack(AbstractBuilder<?> b) {
    if (b.randomInit && b.advStepSize == 0) {
      throw new IllegalArgumentException("advStepSize must be > 0 when randomInit is true and"
          + " pgdEpsilon is not set (the random start is drawn from the advStepSize ball), got 0.0");
    }
    LOG.warn("pgdEpsilon is not set with pgdIterations={} and randomInit={}: the perturbation is"
        + " not projected onto any ball{}", b.pgdIterations, b.randomInit,
        b.randomInit ? " and the random start is drawn from the advStepSize ball" : "");
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values, for overriding some of them. */
  public Builder toBuilder() {
    return new Builder().copyFrom(this);
  }

  /** Mask with values in [0, 1] multiplied into the gradient; masked-out entries are not perturbed. */
  public FeatureConstants featureMask() {
    return featureMask;
  }

  /** Step size of each attack step (default 0.001). */
  public float advStepSize() {
    return advStepSize;
  }

  /** Norm in which the gradient is normalized and the perturbation is bounded (default L2). */
  public NormType advGradNorm() {
    return advGradNorm;
  }

  /** Lower bounds the perturbed features are clipped to (default none). */
  public FeatureConstants clipValueMin() {
    return clipValueMin;
  }

  /** Upper bounds the perturbed features are clipped to (default none). */
  public FeatureConstants clipValueMax() {
    return clipValueMax;
  }

  /** Number of projected-gradient-descent iterations (default 1, which is FGSM). */
  public int pgdIterations() {
    return pgdIterations;
  }

  /**
   * Radius of the ball around the input that the perturbation is projected onto, if any. Without
   * it, several iterations move freely and a random start is drawn from the {@code advStepSize}
   * ball, as in NSL (a warning is logged).
   */
  public Optional<Float> pgdEpsilon() {
    return Optional.ofNullable(pgdEpsilon);
  }

  /** Whether the attack starts from a uniformly random point of the epsilon ball (default false). */
  public boolean randomInit() {
    return randomInit;
  }

  /**
   * Seed of the random ops drawing the random start (default 0). Each attack built in a graph
   * draws its own stream from it, so that two attacks never share random starts.
   */
  public long randomSeed() {
    return randomSeed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdvNeighborConfig c
        && featureMask.equals(c.featureMask)
        && Float.compare(advStepSize, c.advStepSize) == 0
        && advGradNorm == c.advGradNorm
        && clipValueMin.equals(c.clipValueMin)
        && clipValueMax.equals(c.clipValueMax)
        && pgdIterations == c.pgdIterations
        && Objects.equals(pgdEpsilon, c.pgdEpsilon)
        && randomInit == c.randomInit
        && randomSeed == c.randomSeed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureMask, advStepSize, advGradNorm, clipValueMin, clipValueMax,
        pgdIterations, pgdEpsilon, randomInit, randomSeed);
  }

  @Override
  public String toString() {
    return "AdvNeighborConfig{featureMask=" + featureMask + ", advStepSize=" + advStepSize
        + ", advGradNorm=" + advGradNorm + ", clipValueMin=" + clipValueMin + ", clipValueMax="
        + clipValueMax + ", pgdIterations=" + pgdIterations + ", pgdEpsilon=" + pgdEpsilon
        + ", randomInit=" + randomInit + ", randomSeed=" + randomSeed + "}";
  }

  /** Builder of an {@link AdvNeighborConfig}. */
  public static final class Builder extends AbstractBuilder<Builder> {
    private Builder() {}

    /**
     * Validates the values and builds the configuration.
     *
     * @throws IllegalArgumentException naming the offending field and value
     */
    public AdvNeighborConfig build() {
      return buildNeighborConfig();
    }
  }

  /**
   * Setters of the adversarial-neighbor fields, shared by {@link Builder} and {@link
   * AdvRegConfig.Builder}.
   *
   * @param <B> the concrete builder type, returned by every setter
   */
  public abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {
    private FeatureConstants featureMask = FeatureConstants.none();
    private float advStepSize = DEFAULT_ADV_STEP_SIZE;
    private NormType advGradNorm = DEFAULT_ADV_GRAD_NORM;
    private FeatureConstants clipValueMin = FeatureConstants.none();
    private FeatureConstants clipValueMax = FeatureConstants.none();
    private int pgdIterations = DEFAULT_PGD_ITERATIONS;
    private Float pgdEpsilon;
    private boolean randomInit;
    private long randomSeed;

    AbstractBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /** Sets the gradient mask (values in [0, 1]); {@link FeatureConstants#none()} for no mask. */
    public B featureMask(FeatureConstants mask) {
      this.featureMask = Objects.requireNonNull(mask, "featureMask");
      return self();
    }

    /** Sets one gradient mask per feature key; features not named are not masked. */
    public B featureMask(Map<String, FeatureConstant> masks) {
      return featureMask(FeatureConstants.byKey(masks));
    }

    /** Sets the step size of each attack step. */
    public B advStepSize(float stepSize) {
      this.advStepSize = stepSize;
      return self();
    }

    /** Sets the norm of the perturbation. */
    public B advGradNorm(NormType norm) {
      this.advGradNorm = Objects.requireNonNull(norm, "advGradNorm");
      return self();
    }

    /** Sets the norm of the perturbation by name, see {@link NormType#parse(String)}. */
    public B advGradNorm(String norm) {
      return advGradNorm(NormType.parse(norm));
    }

    /** Sets the lower clip bounds; {@link FeatureConstants#none()} for none. */
    public B clipValueMin(FeatureConstants min) {
      this.clipValueMin = Objects.requireNonNull(min, "clipValueMin");
      return self();
    }

    /** Clips every perturbed feature from below at {@code min}. */
    public B clipValueMin(float min) {
      return clipValueMin(FeatureConstants.forAll(min));
    }

    /** Sets lower clip bounds per feature key; features not named are not clipped from below. */
    public B clipValueMin(Map<String, FeatureConstant> min) {
      return clipValueMin(FeatureConstants.byKey(min));
    }

    /** Sets the upper clip bounds; {@link FeatureConstants#none()} for none. */
    public B clipValueMax(FeatureConstants max) {
      this.clipValueMax = Objects.requireNonNull(max, "clipValueMax");
      return self();
    }

    /** Clips every perturbed feature from above at {@code max}. */
    public B clipValueMax(float max) {
      return clipValueMax(FeatureConstants.forAll(max));
    }

    /** Sets upper clip bounds per feature key; features not named are not clipped from above. */
    public B clipValueMax(Map<String, FeatureConstant> max) {
      return clipValueMax(FeatureConstants.byKey(max));
    }

    /** Sets the number of attack iterations (1 is FGSM; more are projected on {@code pgdEpsilon}). */
    public B pgdIterations(int iterations) {
      this.pgdIterations = iterations;
      return self();
    }

    /** Sets the radius of the projection ball, or {@code null} for no projection. */
    public B pgdEpsilon(Float epsilon) {
      this.pgdEpsilon = epsilon;
      return self();
    }

    /** Sets whether the attack starts from a random point of the epsilon ball. */
    public B randomInit(boolean randomInit) {
      this.randomInit = randomInit;
      return self();
    }

    /** Sets the seed of the random start's random ops. */
    public B randomSeed(long seed) {
      this.randomSeed = seed;
      return self();
    }

    B copyFrom(AdvNeighborConfig c) {
      featureMask = c.featureMask;
      advStepSize = c.advStepSize;
      advGradNorm = c.advGradNorm;
      clipValueMin = c.clipValueMin;
      clipValueMax = c.clipValueMax;
      pgdIterations = c.pgdIterations;
      pgdEpsilon = c.pgdEpsilon;
      randomInit = c.randomInit;
      randomSeed = c.randomSeed;
      return self();
    }

    AdvNeighborConfig buildNeighborConfig() {
      return new AdvNeighborConfig(this);
    }
  }
}
