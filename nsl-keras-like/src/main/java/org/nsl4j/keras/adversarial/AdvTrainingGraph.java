package org.nsl4j.keras.adversarial;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.backend.Gradients;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.metrics.Metric;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.optimizers.Optimizer;
import org.nsl4j.keras.training.CompileConfig.OutputTarget;
import org.nsl4j.keras.training.CompiledLoss;
import org.nsl4j.keras.training.Feed;
import org.nsl4j.keras.training.TrainingGraph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Builds the adversarially regularized training graph: {@code labeled + multiplier *
 * adversarial + penalties}, each term once per mode (training, and inference for evaluation,
 * which reuses the base model's inference outputs). The labeled loss is differentiated once,
 * with respect to the inputs and the weights together: that single backward pass gives both the
 * attack direction and the clean weight gradients. The neighbors' loss adds a second forward and
 * backward pass for the weights only.
 */
final class AdvTrainingGraph {

  private final Model model;
  private final List<OutputTarget> targets;
  private final List<String> labelKeys;
  private final String sampleWeightKey;
  private final AdvRegConfig config;
  private final Operand<TFloat32> multiplier;
  private final Backend backend;
  private final Ops tf;

  /** One mode's objective: outputs, each output's loss, the adversarial loss, the total. */
  private record Objective(List<Operand<TFloat32>> outputs, List<Operand<TFloat32>> losses,
      AdversarialLoss adversarial, Operand<TFloat32> total) {}

  AdvTrainingGraph(Model model, List<OutputTarget> targets, List<String> labelKeys,
      String sampleWeightKey, AdvRegConfig config, Operand<TFloat32> multiplier) {
    this.model = model;
    this.targets = targets;
    this.labelKeys = labelKeys;
    this.sampleWeightKey = sampleWeightKey;
    this.config = config;
    this.multiplier = multiplier;
    this.backend = model.backend();
    this.tf = backend.tf().withSubScope(backend.uniqueName("adversarial_regularization"));
  }

  TrainingGraph build(Optimizer optimizer, Consumer<Features> batchCheck) {
    Placeholder<TFloat32> sampleWeights = sampleWeightKey == null ? null
        : tf.withName("sample_weight").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    CompiledLoss compiled =
        new CompiledLoss(tf, targets, labelKeys, model.outputs(), sampleWeights);
    List<Weight> weights = model.trainableWeights();
    Operand<TFloat32> penalty = TrainingGraph.sum(tf, model.regularizationLosses(tf));

    List<Op> updates = new ArrayList<>();
    List<Operand<TFloat32>> trainOut = model.callInBranch(
        backend.uniqueName("training"), List.copyOf(model.inputPlaceholders()), true, updates);
    Objective train =
        objective(compiled, trainOut, true, weights, penalty, "adversarial", updates);
    List<Operand<?>> vars = weights.stream().<Operand<?>>map(Weight::variable).toList();
    List<Output<?>> grads = sum(train.adversarial().weightGradients(), Gradients.of(backend,
        "neighbor_gradients", train.adversarial().scaledLoss(), vars));
    if (penalty != null) {
      grads = sum(grads, Gradients.of(backend, "regularization_gradients", penalty, vars));
    }
    Op step = Gradients.apply(backend, optimizer, weights, grads, updates);

    Objective eval = objective(compiled, model.outputs(), false, List.of(), penalty, "eval",
        new ArrayList<>());
    Operand<TFloat32> n = compiled.batchSize(tf);
    return new TrainingGraph(feeds(compiled, sampleWeights), step,
        TrainingGraph.stats(tf, n, stats(compiled, train)),
        TrainingGraph.stats(tf, n, stats(compiled, eval)), names(), batchCheck);
  }

  /**
   * The objective of one mode on the base model's {@code outputs} of that mode; the neighbors'
   * state updates (BatchNormalization's moving statistics in training) go to {@code updates}.
   */
  private Objective objective(CompiledLoss compiled, List<Operand<TFloat32>> outputs,
      boolean training, List<Weight> weights, Operand<TFloat32> penalty, String name,
      List<Op> updates) {
    List<Operand<TFloat32>> losses = compiled.losses(tf, outputs);
    Operand<TFloat32> labeled = compiled.total(tf, losses);
    AdversarialLoss adv = AdversarialLoss.builder(model, o -> compiled.of(tf, o), config)
        .outputs(outputs).labeledLoss(labeled).training(training).weights(weights)
        .multiplier(multiplier).updates(updates).name(name).build();
    Operand<TFloat32> total =
        TrainingGraph.plus(tf, tf.math.add(labeled, adv.scaledLoss()), penalty);
    return new Objective(outputs, losses, adv, total);
  }

  /** NSL's order: the total, then per output its loss and metrics, then the scaled loss. */
  private List<Operand<TFloat32>> stats(CompiledLoss compiled, Objective o) {
    List<Operand<TFloat32>> means = new ArrayList<>(List.of(o.total()));
    List<Operand<TFloat32>> metrics = compiled.metrics(tf, o.outputs());
    int next = 0;
    for (int i = 0; i < targets.size(); i++) {
      means.add(o.losses().get(i));
      int count = targets.get(i).metrics().size();
      means.addAll(metrics.subList(next, next + count));
      next += count;
    }
    means.add(o.adversarial().scaledLoss());
    return means;
  }

  /** NSL's names; with several outputs each loss and metric name ends with its label key. */
  private List<String> names() {
    List<String> names = new ArrayList<>(List.of("loss"));
    for (int i = 0; i < targets.size(); i++) {
      String suffix = targets.size() > 1 ? "_" + labelKeys.get(i) : "";
      names.add(targets.get(i).loss().name() + suffix);
      for (Metric m : targets.get(i).metrics()) {
        names.add(m.name() + suffix);
      }
    }
    names.add("scaled_adversarial_loss");
    return names;
  }

  private List<Feed> feeds(CompiledLoss compiled, Placeholder<TFloat32> sampleWeights) {
    List<Feed> feeds = new ArrayList<>(model.inputFeeds());
    feeds.addAll(compiled.labelFeeds());
    if (sampleWeights != null) {
      feeds.add(new Feed(sampleWeightKey, sampleWeights, FeatureArray.DType.FLOAT32,
          new long[0]));
    }
    return feeds;
  }

  /** Element-wise sum of two gradient lists; a null entry counts as zero. */
  @SuppressWarnings("unchecked")
  private List<Output<?>> sum(List<Output<?>> a, List<Output<?>> b) {
    List<Output<?>> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      Output<?> x = a.get(i);
      Output<?> y = b.get(i);
      out.add(x == null ? y : y == null ? x
          : tf.math.add((Operand<TFloat32>) x, (Operand<TFloat32>) y).asOutput());
    }
    return out;
  }
}
