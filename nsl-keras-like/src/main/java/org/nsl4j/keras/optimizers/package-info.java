/**
 * Keras optimizers ({@code Adam}, {@code SGD} with momentum and Nesterov, {@code RMSprop} with
 * momentum and centered) applied with TensorFlow's fused training ops, which compute Keras's
 * update rules; their slots are named after the weights they update.
 *
 * <p>To add an optimizer: extend {@link org.nsl4j.keras.optimizers.Optimizer}, create its slots
 * and the update op, register its name in {@link org.nsl4j.keras.optimizers.Optimizer#get}, and
 * test three steps against hand-computed values.
 */
package org.nsl4j.keras.optimizers;
