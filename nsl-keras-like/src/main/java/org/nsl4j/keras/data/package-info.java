/**
 * Data for training and evaluation, in the spirit of {@code tf.data}: {@link
 * org.nsl4j.keras.data.FeatureArray} (a typed n-dimensional array on the Java heap), {@link
 * org.nsl4j.keras.data.Features} (a dictionary of named arrays, or an {@code (x, y)} tuple) and
 * {@link org.nsl4j.keras.data.Dataset} ({@code fromTensorSlices}, {@code shuffle}, {@code batch},
 * {@code map}, {@code take}, {@code skip}).
 */
package org.nsl4j.keras.data;
