package org.nsl4j.examples;

import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;

/**
 * Adversarial images from a wrapper's {@code perturbOnBatch}, in pixel units: the pixels are
 * preprocessed for the wrapped model, perturbed by a {@link LinfAttack} scaled to its input units,
 * mapped back to pixels and clipped to [0, 1].
 *
 * @param wrapper the adversarial wrapper of the model whose gradients drive the attack
 * @param preprocessing how that model takes pixels
 */
record PixelAttacker(AdversarialRegularization wrapper, Preprocessing preprocessing) {

  /** The perturbed {@code pixels} ({@code [N, H, W, C]} in [0, 1]) of true {@code labels}. */
  FeatureArray perturb(FeatureArray pixels, FeatureArray labels, LinfAttack attack) {
    Model model = wrapper.baseModel();
    FeatureArray neighbors = wrapper.perturbOnBatch(
            ModelFeatures.of(model, preprocessing.apply(pixels), labels),
            attack.overrides(preprocessing.scale()))
        .get(model.inputLayer().name());
    return ClippedAttack.clip(preprocessing.invert(neighbors)).reshape(pixels.shape());
  }
}
