package org.nsl4j.core.configs;

import java.util.Objects;

/**
 * Configuration for adversarial regularization (NSL's {@code nsl.configs.AdvRegConfig}): the
 * weight of the adversarial loss and how adversarial neighbors are generated. Immutable.
 */
public final class AdvRegConfig {

  /** Default multiplier of the adversarial loss. */
  public static final float DEFAULT_MULTIPLIER = 0.2f;

  private final float multiplier;
  private final AdvNeighborConfig advNeighborConfig;

  private AdvRegConfig(float multiplier, AdvNeighborConfig advNeighborConfig) {
    ConfigChecks.finite("multiplier", multiplier);
    this.multiplier = multiplier;
    this.advNeighborConfig = advNeighborConfig;
  }

  /** A builder holding the defaults; the same as {@link AdvConfigs#makeAdvRegConfig()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values, for overriding some of them. */
  public Builder toBuilder() {
    return new Builder().multiplier(multiplier).advNeighborConfig(advNeighborConfig);
  }

  /** Multiplier of the adversarial loss (default 0.2). */
  public float multiplier() {
    return multiplier;
  }

  /** How adversarial neighbors are generated. */
  public AdvNeighborConfig advNeighborConfig() {
    return advNeighborConfig;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdvRegConfig c
        && Float.compare(multiplier, c.multiplier) == 0
        && advNeighborConfig.equals(c.advNeighborConfig);
  }

  @Override
  public int hashCode() {
    return Objects.hash(multiplier, advNeighborConfig);
  }

  @Override
  public String toString() {
    return "AdvRegConfig{multiplier=" + multiplier + ", advNeighborConfig=" + advNeighborConfig
        + "}";
  }

  /** Builder of an {@link AdvRegConfig}: the multiplier plus every adversarial-neighbor field. */
  public static final class Builder extends AdvNeighborConfig.AbstractBuilder<Builder> {
    private float multiplier = DEFAULT_MULTIPLIER;

    private Builder() {}

    /** Sets the multiplier of the adversarial loss. */
    public Builder multiplier(float multiplier) {
      this.multiplier = multiplier;
      return this;
    }

    /** Replaces every adversarial-neighbor field with those of {@code config}. */
    public Builder advNeighborConfig(AdvNeighborConfig config) {
      return copyFrom(Objects.requireNonNull(config, "advNeighborConfig"));
    }

    /**
     * Validates the values and builds the configuration.
     *
     * @throws IllegalArgumentException naming the offending field and value
     */
    public AdvRegConfig build() {
      return new AdvRegConfig(multiplier, buildNeighborConfig());
    }
  }
}
