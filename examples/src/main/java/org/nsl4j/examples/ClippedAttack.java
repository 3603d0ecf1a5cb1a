package org.nsl4j.examples;

import java.util.function.UnaryOperator;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/** Adversarial images of a batch from a wrapper's {@code perturbOnBatch}, clipped to [0, 1]. */
final class ClippedAttack {

  private ClippedAttack() {}

  /** The batch's images perturbed with the wrapper's own neighbor config. */
  static FeatureArray images(AdversarialRegularization wrapper, Features batch) {
    return clip(wrapper.perturbOnBatch(batch).get(HParams.IMAGE_KEY));
  }

  /** The batch's images perturbed with the wrapper's config changed by {@code overrides}. */
  static FeatureArray images(AdversarialRegularization wrapper, Features batch,
      UnaryOperator<AdvNeighborConfig.Builder> overrides) {
    return clip(wrapper.perturbOnBatch(batch, overrides).get(HParams.IMAGE_KEY));
  }

  /** A copy with every value clipped to the pixel range [0, 1]. */
  static FeatureArray clip(FeatureArray images) {
    float[] in = images.floats();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = Math.min(1f, Math.max(0f, in[i]));
    }
    return FeatureArray.ofFloats(out, images.shape());
  }
}
