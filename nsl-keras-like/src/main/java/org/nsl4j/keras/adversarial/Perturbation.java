package org.nsl4j.keras.adversarial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsl4j.core.adversarial.AdversarialNeighbors;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.Feed;
import org.nsl4j.keras.training.InputGradients;
import org.nsl4j.keras.training.Loss;
import org.nsl4j.keras.training.TrainingGraph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The inference-mode graph that computes a batch's adversarial neighbor for one config. */
final class Perturbation {

  private final Model model;
  private final Feed input;
  private final Feed label;
  private final Operand<TFloat32> neighbor;

  Perturbation(Model model, Loss loss, String labelKey, AdvNeighborConfig config) {
    this.model = model;
    Backend b = model.backend();
    Ops tf = b.tf().withSubScope(b.uniqueName("perturb_on_batch"));
    Placeholder<?> y = loss.sparseLabels()
        ? tf.placeholder(TInt64.class, Placeholder.shape(Shape.unknown()))
        : tf.placeholder(TFloat32.class, Placeholder.shape(Shape.unknown()));
    Placeholder<TFloat32> x = model.inputPlaceholder();
    String key = model.inputLayer().name();
    Operand<TFloat32> labeled = TrainingGraph.mean(tf, loss.perExample(tf, y, model.output()));
    Output<?> gx = InputGradients.of(b, "perturb_gradients", labeled, x, List.of()).get(0);
    @SuppressWarnings("unchecked")
    Operand<TFloat32> nb = (Operand<TFloat32>) AdversarialNeighbors.genAdvNeighbor(tf,
        Map.of(key, x), Map.of(key, gx), config,
        features -> {
          @SuppressWarnings("unchecked")
          Operand<TFloat32> current = (Operand<TFloat32>) features.get(key);
          Operand<TFloat32> out = model.callInBranch(
              b.uniqueName("perturb_pgd"), current, false, new ArrayList<>());
          return TrainingGraph.mean(tf, loss.perExample(tf, y, out));
        }).features().get(key);
    this.neighbor = nb;
    this.input = new Feed(key, x, FeatureArray.DType.FLOAT32, model.inputLayer().shape());
    this.label = new Feed(labelKey, y,
        loss.sparseLabels() ? FeatureArray.DType.INT64 : FeatureArray.DType.FLOAT32, null);
  }

  /** The neighbor of {@code batch}'s input feature. */
  FeatureArray run(Features batch) {
    try (Tensor x = input.tensorFrom(batch);
        Tensor y = label.tensorFrom(batch);
        Result r = model.session().runner().feed(input.placeholder(), x)
            .feed(label.placeholder(), y).fetch(neighbor).run()) {
      return FeatureArray.fromTensor(r.get(0));
    }
  }
}
