/**
 * NSL's Keras wrapper: {@link org.nsl4j.keras.adversarial.AdversarialRegularization} wraps a
 * base model so that each training step also builds adversarial neighbors of the batch and adds
 * their scaled loss to the objective, as {@code nsl.keras.AdversarialRegularization} does. The
 * neighbor ops themselves come from {@code nsl-core}'s {@code org.nsl4j.core.adversarial}.
 */
package org.nsl4j.keras.adversarial;
