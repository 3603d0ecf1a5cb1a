/**
 * The TensorFlow graph and session behind a model ({@link org.nsl4j.keras.backend.Backend}), the
 * ambient state of a model call ({@link org.nsl4j.keras.backend.CallContext}), and gradients of
 * our own trainable weights and of inputs from TensorFlow's C++ gradient registry ({@link
 * org.nsl4j.keras.backend.Gradients}, {@link org.nsl4j.keras.backend.InputGradients}), as
 * Keras's {@code backend} module. Users rarely need it; layers and wrappers build on it.
 */
package org.nsl4j.keras.backend;
