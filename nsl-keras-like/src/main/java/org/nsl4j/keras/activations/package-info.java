/**
 * Keras activations by name ({@code relu}, {@code softmax}, {@code tanh}...), as used by the
 * {@code activation} argument of {@code Dense} and {@code Conv2D} and by the {@code Activation}
 * layer.
 *
 * <p>To add one: add a {@code case} to {@link org.nsl4j.keras.activations.Activations#get} that
 * builds it from TensorFlow ops, list its name in the error message, and cover it (values and a
 * finite-difference gradient) in the activations test.
 */
package org.nsl4j.keras.activations;
