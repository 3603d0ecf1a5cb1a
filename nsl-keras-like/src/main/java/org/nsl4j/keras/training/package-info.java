/**
 * The loops behind {@code fit}, {@code evaluate} and {@code predict} ({@link
 * org.nsl4j.keras.training.Trainer}) over a compiled {@link
 * org.nsl4j.keras.training.TrainingGraph}, their options and placeholder feeds, as Keras's
 * {@code trainers} module.
 */
package org.nsl4j.keras.training;
