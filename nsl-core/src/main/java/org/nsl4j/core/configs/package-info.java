/**
 * Configuration of adversarial regularization, the Java counterpart of NSL's {@code nsl.configs}:
 * {@link org.nsl4j.core.configs.AdvRegConfig}, {@link org.nsl4j.core.configs.AdvNeighborConfig}
 * and {@link org.nsl4j.core.configs.AdvConfigs#makeAdvRegConfig()}.
 */
package org.nsl4j.core.configs;
