package org.nsl4j.core.configs;

/** Factory functions for configurations (NSL's {@code nsl.configs.make_*} functions). */
public final class AdvConfigs {

  private AdvConfigs() {}

  /**
   * Starts an {@link AdvRegConfig} with NSL's defaults (multiplier 0.2, step size 0.001, L2 norm,
   * no mask, no clipping, one iteration, no epsilon, no random start), for example {@code
   * makeAdvRegConfig().multiplier(0.2f).advStepSize(0.2f).advGradNorm("infinity").build()}.
   */
  public static AdvRegConfig.Builder makeAdvRegConfig() {
    return AdvRegConfig.builder();
  }
}
