package org.nsl4j.core.adversarial;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Adversarial neighbors of a batch of examples.
 *
 * @param features the neighbor features, keyed and ordered like the input features; perturbed
 *     features carry no gradient back to the attack
 * @param weight the weight of each neighbor, ones shaped {@code [batch, 1]}
 */
public record AdvNeighbor(Map<String, Operand<?>> features, Operand<TFloat32> weight) {

  /** Copies {@code features} into an unmodifiable map keeping its order. */
  public AdvNeighbor {
    features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    Objects.requireNonNull(weight, "weight");
  }
}
