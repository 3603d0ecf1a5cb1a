/**
 * Tools for models saved by Python: {@code evaluate-savedmodel} (accuracy under a white-box
 * attack on the rebuilt Keras network, or a black-box or transfer attack when it cannot be
 * rebuilt) and {@code harden} (adversarial fine-tuning of a rebuilt Keras model, exported back as
 * a SavedModel). {@link org.nsl4j.examples.savedmodel.EvaluationBackend} is where
 * evaluate-savedmodel scores the images: in its process, or on Spark (nsl-spark).
 */
package org.nsl4j.examples.savedmodel;
