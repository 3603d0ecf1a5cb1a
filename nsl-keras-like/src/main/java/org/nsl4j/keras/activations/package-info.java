/**
 * Keras activations by name ({@code relu}, {@code gelu}, {@code softmax}, {@code hard_sigmoid}...),
 * as used by the {@code activation} argument of {@code Dense} and the convolutions and by the
 * {@code Activation} layer.
 *
 * <p>To add one: put its name and its TensorFlow ops in {@code Activations}'s map (only ops whose
 * gradient TensorFlow Java's C++ registry has), and add an {@code Activation} case with values
 * from its formula to saved-models' {@code ActivationCases}: the layer test then checks its
 * values, its config round trip and its finite-difference gradient, and fails while a name has no
 * case.
 */
package org.nsl4j.keras.activations;
