/**
 * Keras models: functional ({@code new Model(input, output)}, any graph of layers with several
 * inputs and outputs), {@link org.nsl4j.keras.models.Sequential} and subclassed ({@code
 * call(inputs, training)}), with {@code compile}, {@code fit}, {@code evaluate}, {@code predict},
 * {@code summary()}, weight files and checkpoints. {@link org.nsl4j.keras.models.Model} is also
 * the base of models with their own training objective: override {@code buildTrainingGraph()}
 * (see {@code org.nsl4j.keras.training}), as {@code AdversarialRegularization} does.
 */
package org.nsl4j.keras.models;
