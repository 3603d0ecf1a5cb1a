/**
 * How TensorFlow runs nsl4j's sessions, as Python's {@code tf.config}: {@link
 * org.nsl4j.keras.config.SessionOptions} holds thread counts, Grappler rewrite switches and the
 * precision policy, and turns them into the {@code ConfigProto} a model's or a loaded
 * SavedModel's session is created with.
 */
package org.nsl4j.keras.config;
