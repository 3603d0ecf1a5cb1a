/**
 * Keras layers: {@link org.nsl4j.keras.layers.Layer} and the built-in layers ({@code Conv2D},
 * {@code Dense}, {@code MaxPooling2D}, {@code BatchNormalization}, {@code Dropout}...). A layer
 * creates its weights on its first call and reuses them on every later call.
 *
 * <p>To add a layer: extend {@link org.nsl4j.keras.layers.Layer} (or {@code KernelLayer} for a
 * kernel and bias), create weights in {@code build} with {@code addWeight}, build the computation
 * in {@code call}, and give it the layer test (output shape, weights, values, gradients).
 */
package org.nsl4j.keras.layers;
