/**
 * Keras weight regularizers ({@code l1}, {@code l2}, {@code l1L2}), whose penalties are added to
 * the training objective.
 */
package org.nsl4j.keras.regularizers;
