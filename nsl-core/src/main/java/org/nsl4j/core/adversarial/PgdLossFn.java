package org.nsl4j.core.adversarial;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Builds the loss that projected gradient descent ascends: the model's scalar loss on the given
 * features against the true labels (NSL's {@code pgd_model_fn} followed by {@code pgd_loss_fn}).
 */
@FunctionalInterface
public interface PgdLossFn {

  /**
   * Adds the model and its loss on {@code features} to the graph.
   *
   * @param features every input feature, keyed and ordered like the inputs, perturbed ones replaced
   *     by their current adversarial values
   * @return a scalar loss
   */
  Operand<TFloat32> loss(Map<String, Operand<?>> features);
}
