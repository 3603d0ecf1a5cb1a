/**
 * Keras models: functional ({@code new Model(input, output)}), {@link
 * org.nsl4j.keras.models.Sequential} and subclassed ({@code call(inputs, training)}), with {@code
 * compile}, {@code fit}, {@code evaluate}, {@code predict}, {@code summary()} and weight files.
 */
package org.nsl4j.keras.models;
