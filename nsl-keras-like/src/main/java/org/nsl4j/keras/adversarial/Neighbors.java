package org.nsl4j.keras.adversarial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.core.adversarial.AdversarialNeighbors;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Model;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The adversarial neighbors of a model's inputs, built in the model's graph. */
final class Neighbors {

  private Neighbors() {}

  /**
   * NSL's {@code gen_adv_neighbor} on the model inputs {@code xs}, keyed by the model's input
   * names (the keys of {@code featureMask} and the clip bounds), from the labeled loss's input
   * gradients {@code gxs}. All inputs with a gradient are perturbed jointly (one norm per example
   * across them, as NSL does for a feature dictionary); one without a gradient (null) is passed
   * through. PGD steps re-run the model ({@code training} mode as given) and ascend {@code
   * loss}.
   */
  @SuppressWarnings("unchecked")
  static List<Operand<TFloat32>> of(Model model, Ops tf, AdvNeighborConfig config,
      List<Operand<TFloat32>> xs, List<Output<?>> gxs, boolean training,
      AdversarialLoss.LossFn loss) {
    List<String> keys = model.inputLayers().stream().map(InputLayer::name).toList();
    Map<String, Operand<TFloat32>> features = new LinkedHashMap<>();
    Map<String, Output<?>> gradients = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      features.put(keys.get(i), xs.get(i));
      gradients.put(keys.get(i), gxs.get(i));
    }
    Map<String, Operand<?>> neighbor = AdversarialNeighbors.genAdvNeighbor(tf, features,
        gradients, config, perturbed -> {
          List<Operand<TFloat32>> inputs = new ArrayList<>();
          keys.forEach(k -> inputs.add((Operand<TFloat32>) perturbed.get(k)));
          return loss.of(model.callInBranch(
              model.backend().uniqueName("pgd"), inputs, training, new ArrayList<>()));
        }).features();
    return keys.stream().map(k -> (Operand<TFloat32>) neighbor.get(k)).toList();
  }
}
