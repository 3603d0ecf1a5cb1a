/**
 * NSL's Keras API: {@link org.nsl4j.keras.adversarial.AdversarialRegularization}, a model around
 * a base model whose training steps also build adversarial neighbors of the batch and add their
 * scaled loss to the objective, as {@code nsl.keras.AdversarialRegularization} does; and {@link
 * org.nsl4j.keras.adversarial.AdversarialLoss}, NSL's {@code nsl.keras.adversarial_loss}, the
 * same loss for a training graph written by hand. The neighbor ops themselves come from {@code
 * nsl-core}'s {@code org.nsl4j.core.adversarial}.
 */
package org.nsl4j.keras.adversarial;
