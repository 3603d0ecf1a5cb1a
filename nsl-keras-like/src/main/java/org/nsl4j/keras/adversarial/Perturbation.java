package org.nsl4j.keras.adversarial;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.core.adversarial.AdvSizes;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.FeatureConstants;
import org.nsl4j.core.configs.NormType;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.backend.InputGradients;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.CompileConfig.OutputTarget;
import org.nsl4j.keras.training.CompiledLoss;
import org.nsl4j.keras.training.Feed;
import org.nsl4j.keras.training.Trainer;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The inference-mode graph that computes a batch's adversarial neighbors for every config of one
 * {@link Kind}: the step size and {@code pgdEpsilon} are fed at run time, so a sweep over them
 * reuses this one graph.
 */
final class Perturbation {

  /**
   * What shapes a perturbation graph: a config without its step size and radius (only whether it
   * has a radius).
   */
  record Kind(FeatureConstants featureMask, NormType norm, FeatureConstants clipValueMin,
      FeatureConstants clipValueMax, int pgdIterations, boolean projected, boolean randomInit,
      long randomSeed) {

    static Kind of(AdvNeighborConfig c) {
      return new Kind(c.featureMask(), c.advGradNorm(), c.clipValueMin(), c.clipValueMax(),
          c.pgdIterations(), c.pgdEpsilon().isPresent(), c.randomInit(), c.randomSeed());
    }
  }

  private final Model model;
  private final List<Feed> feeds = new ArrayList<>();
  private final AdvSizes sizes;
  private final List<Operand<TFloat32>> neighbors;

  /** The graph for configs of the kind of {@code config}. */
  Perturbation(Model model, List<OutputTarget> targets, List<String> labelKeys,
      AdvNeighborConfig config) {
    this.model = model;
    Backend b = model.backend();
    Ops tf = b.tf().withSubScope(b.uniqueName("perturb_on_batch"));
    CompiledLoss compiled = new CompiledLoss(tf, targets, labelKeys, model.outputs(), null);
    List<Operand<TFloat32>> xs = List.copyOf(model.inputPlaceholders());
    Operand<TFloat32> labeled = compiled.of(tf, model.outputs());
    List<Output<?>> gxs = InputGradients.of(b, "perturb_gradients", labeled, xs, List.of());
    this.sizes = AdvSizes.placeholders(tf, config);
    this.neighbors = Neighbors.of(model, tf, config, sizes, xs, gxs, false, new ArrayList<>(),
        o -> compiled.of(tf, o));
    feeds.addAll(model.inputFeeds());
    feeds.addAll(compiled.labelFeeds());
  }

  /** {@code batch} with every input feature replaced by its neighbor under {@code config}. */
  Features run(Features batch, AdvNeighborConfig config) {
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = Trainer.feed(model.session(), feeds, batch, tensors);
      runner.feed(sizes.stepSize(), track(tensors, config.advStepSize()));
      config.pgdEpsilon().ifPresent(e -> runner.feed(sizes.pgdEpsilon(), track(tensors, e)));
      neighbors.forEach(runner::fetch);
      try (Result r = runner.run()) {
        Features out = batch;
        for (int i = 0; i < neighbors.size(); i++) {
          out = out.with(model.inputLayers().get(i).name(), FeatureArray.fromTensor(r.get(i)));
        }
        return out;
      }
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  private static TFloat32 track(List<Tensor> tensors, float value) {
    TFloat32 t = TFloat32.scalarOf(value);
    tensors.add(t);
    return t;
  }
}
