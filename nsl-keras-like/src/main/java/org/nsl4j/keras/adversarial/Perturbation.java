package org.nsl4j.keras.adversarial;

import java.util.List;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.Feed;
import org.nsl4j.keras.backend.InputGradients;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.training.TrainingGraph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

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
    this.label = Feed.labels(tf, labelKey, loss, model.output());
    this.input = model.inputFeed(model.inputLayer().name());
    Operand<?> y = label.placeholder();
    Operand<TFloat32> labeled = TrainingGraph.mean(tf, loss.perExample(tf, y, model.output()));
    Output<?> gx = InputGradients.of(b, "perturb_gradients", labeled, model.inputPlaceholder(),
        List.of()).get(0);
    this.neighbor = Neighbors.of(model, tf, config, model.inputPlaceholder(), gx, false,
        List.of(),
        logits -> TrainingGraph.mean(tf, loss.perExample(tf, y, logits)));
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
