/**
 * Keras losses ({@link org.nsl4j.keras.losses.Loss}; {@link org.nsl4j.keras.losses.Losses} by
 * name: {@code sparse_categorical_crossentropy}, {@code categorical_crossentropy}, {@code mse}).
 *
 * <p>To add a loss: implement {@link org.nsl4j.keras.losses.Loss} (per-example values from labels
 * and predictions; give float targets the predictions' rank with {@link
 * org.nsl4j.keras.losses.Losses#matchRank} as Keras does), add its name to {@link
 * org.nsl4j.keras.losses.Losses#get}, and test its values against a hand computation.
 */
package org.nsl4j.keras.losses;
