/**
 * Keras weight initializers by name ({@code glorot_uniform}, {@code he_normal}, {@code zeros}...)
 * with Keras's fan computation for dense and convolution kernels.
 *
 * <p>To add one: add a factory and a {@code case} in {@link
 * org.nsl4j.keras.initializers.Initializers}, and a statistical test of its values.
 */
package org.nsl4j.keras.initializers;
