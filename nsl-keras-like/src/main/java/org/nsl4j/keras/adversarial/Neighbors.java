package org.nsl4j.keras.adversarial;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.UnaryOperator;
import org.nsl4j.core.adversarial.AdversarialNeighbors;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.keras.models.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The adversarial neighbor of a model's input, built in the model's graph. */
final class Neighbors {

  private static final Logger LOG = LoggerFactory.getLogger(Neighbors.class);
  /** Models already warned about an input their loss does not depend on. */
  private static final Set<Model> WARNED = Collections.newSetFromMap(new WeakHashMap<>());

  private Neighbors() {}

  /**
   * NSL's {@code gen_adv_neighbor} on the model input {@code x}, from the labeled loss's input
   * gradient {@code gx}; PGD steps re-run the model ({@code training} mode as given, their state
   * updates such as moving statistics appended to {@code updates}) and ascend {@code
   * lossOfLogits}. An input the loss does not depend on ({@code gx} null) is its own neighbor,
   * with one warning per model, as NSL passes such features through.
   */
  @SuppressWarnings("unchecked")
  static Operand<TFloat32> of(Model model, Ops tf, AdvNeighborConfig config,
      Operand<TFloat32> x, Output<?> gx, boolean training, List<Op> updates,
      UnaryOperator<Operand<TFloat32>> lossOfLogits) {
    String key = model.inputLayer().name();
    if (gx == null) {
      warnOnce(model, key);
      return tf.identity(x);
    }
    return (Operand<TFloat32>) AdversarialNeighbors.genAdvNeighbor(tf, Map.of(key, x),
        Map.of(key, gx), config,
        features -> lossOfLogits.apply(model.callInBranch(
            model.backend().uniqueName("pgd"), (Operand<TFloat32>) features.get(key), training,
            updates))).features().get(key);
  }

  private static void warnOnce(Model model, String key) {
    boolean first;
    synchronized (WARNED) {
      first = WARNED.add(model);
    }
    if (first) {
      LOG.warn("Cannot perturb feature '{}' of model '{}': the loss does not depend on it, so it"
          + " is passed through unchanged", key, model.name());
    }
  }
}
