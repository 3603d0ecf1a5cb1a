package org.nsl4j.keras.adversarial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.nsl4j.core.adversarial.AdvSizes;
import org.nsl4j.core.adversarial.AdversarialNeighbors;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The adversarial neighbors of a model's inputs, built in the model's graph. */
final class Neighbors {

  private static final Logger LOG = LoggerFactory.getLogger(Neighbors.class);
  /** Models already warned about inputs their loss does not depend on. */
  private static final Set<Model> WARNED = Collections.newSetFromMap(new WeakHashMap<>());

  private Neighbors() {}

  /**
   * NSL's {@code gen_adv_neighbor} on the model inputs {@code xs}, keyed by the model's input
   * names (the keys of {@code featureMask} and the clip bounds), from the labeled loss's input
   * gradients {@code gxs}. All inputs with a gradient are perturbed jointly (one norm per example
   * across them, as NSL does for a feature dictionary). An input the loss does not depend on
   * (gradient null) is its own neighbor, with one warning per model, as NSL passes such features
   * through. The step size and radius are {@code sizes}. PGD steps re-run the model ({@code training} mode as given, their state updates such
   * as moving statistics appended to {@code updates}) and ascend {@code loss}.
   */
  @SuppressWarnings("unchecked")
  static List<Operand<TFloat32>> of(Model model, Ops tf, AdvNeighborConfig config, AdvSizes sizes,
      List<Operand<TFloat32>> xs, List<Output<?>> gxs, boolean training, List<Op> updates,
      AdversarialLoss.LossFn loss) {
    List<String> keys = model.inputLayers().stream().map(InputLayer::name).toList();
    Map<String, Operand<TFloat32>> features = new LinkedHashMap<>();
    Map<String, Output<?>> gradients = new LinkedHashMap<>();
    List<String> constant = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (gxs.get(i) == null) {
        constant.add(keys.get(i));
      } else {
        features.put(keys.get(i), xs.get(i));
        gradients.put(keys.get(i), gxs.get(i));
      }
    }
    Map<String, Operand<?>> neighbor = new LinkedHashMap<>();
    if (!features.isEmpty()) {
      neighbor.putAll(AdversarialNeighbors.genAdvNeighbor(tf, features, gradients, config,
          perturbed -> loss.of(model.callInBranch(model.backend().uniqueName("pgd"),
              withNeighbors(xs, keys, perturbed), training, updates)), sizes).features());
    }
    if (!constant.isEmpty()) {
      warnOnce(model, constant);
      constant.forEach(k -> neighbor.put(k, tf.identity(xs.get(keys.indexOf(k)))));
    }
    return withNeighbors(xs, keys, neighbor);
  }

  /** {@code xs} with the inputs named in {@code neighbors} replaced. */
  @SuppressWarnings("unchecked")
  private static List<Operand<TFloat32>> withNeighbors(List<Operand<TFloat32>> xs,
      List<String> keys, Map<String, ? extends Operand<?>> neighbors) {
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Operand<?> n = neighbors.get(keys.get(i));
      out.add(n == null ? xs.get(i) : (Operand<TFloat32>) n);
    }
    return out;
  }

  private static void warnOnce(Model model, List<String> keys) {
    boolean first;
    synchronized (WARNED) {
      first = WARNED.add(model);
    }
    if (first) {
      LOG.warn("Cannot perturb feature(s) {} of model '{}': the loss does not depend on them, so"
          + " they are passed through unchanged", keys.stream().map(k -> "'" + k + "'").toList(),
          model.name());
    }
  }
}
