package org.nsl4j.keras.models;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.backend.Gradients;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.metrics.Metric;
import org.nsl4j.keras.training.CompileConfig.OutputTarget;
import org.nsl4j.keras.training.CompiledLoss;
import org.nsl4j.keras.training.Feed;
import org.nsl4j.keras.training.TrainingGraph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Builds a compiled model's training graph: the compiled loss of every output plus the weight
 * penalties, the metrics and the optimizer step. A batch holds the input under {@code x} (one
 * input) or under each input's name, and the labels under {@code y} (one output) or under each
 * output's name, as Keras's {@code x} and {@code y} dictionaries: a one-input, one-output model
 * takes {@code (x, y)} tuples.
 */
final class StandardTraining {

  private StandardTraining() {}

  static TrainingGraph build(Model model) {
    Backend b = model.backend();
    Ops tf = b.tf().withSubScope(b.uniqueName("loss"));
    List<String> outputNames = model.outputNames();
    List<OutputTarget> targets = model.compileConfig().resolve(outputNames);
    List<Operand<TFloat32>> xs = List.copyOf(model.inputPlaceholders());
    CompiledLoss compiled = new CompiledLoss(tf, targets,
        outputNames.size() == 1 ? List.of(Features.Y) : outputNames, model.outputs(), null);

    List<Op> updates = new ArrayList<>();
    List<Operand<TFloat32>> trainOut =
        model.callInBranch(b.uniqueName("training"), xs, true, updates);
    Operand<TFloat32> penalty = TrainingGraph.sum(tf, model.regularizationLosses(tf));
    List<Operand<TFloat32>> trainLosses = compiled.losses(tf, trainOut);
    Operand<TFloat32> trainLoss =
        TrainingGraph.plus(tf, compiled.total(tf, trainLosses), penalty);
    List<Weight> weights = model.trainableWeights();
    List<Output<?>> grads =
        Gradients.of(b, "gradients", trainLoss, weights.stream().map(Weight::variable).toList());
    Op step = Gradients.apply(b, model.optimizer(), weights, grads, updates);

    List<Operand<TFloat32>> evalLosses = compiled.losses(tf, model.outputs());
    Operand<TFloat32> evalLoss = TrainingGraph.plus(tf, compiled.total(tf, evalLosses), penalty);
    List<Feed> feeds = new ArrayList<>(
        xs.size() == 1 ? List.of(model.inputFeed(Features.X)) : model.inputFeeds());
    feeds.addAll(compiled.labelFeeds());
    Operand<TFloat32> n = compiled.batchSize(tf);
    return new TrainingGraph(feeds, step,
        TrainingGraph.stats(tf, n, means(tf, compiled, trainLoss, trainLosses, trainOut)),
        TrainingGraph.stats(tf, n, means(tf, compiled, evalLoss, evalLosses, model.outputs())),
        names(targets));
  }

  /** The loss, each output's loss when there are several, then every output's metrics. */
  private static List<Operand<TFloat32>> means(Ops tf, CompiledLoss compiled,
      Operand<TFloat32> loss, List<Operand<TFloat32>> losses, List<Operand<TFloat32>> outputs) {
    List<Operand<TFloat32>> means = new ArrayList<>(List.of(loss));
    if (losses.size() > 1) {
      means.addAll(losses);
    }
    means.addAll(compiled.metrics(tf, outputs));
    return means;
  }

  /** Keras's names: {@code loss}, then {@code out_loss} and {@code out_metric} per output. */
  private static List<String> names(List<OutputTarget> targets) {
    boolean several = targets.size() > 1;
    List<String> names = new ArrayList<>(List.of("loss"));
    if (several) {
      targets.forEach(t -> names.add(t.name() + "_loss"));
    }
    for (OutputTarget t : targets) {
      for (Metric m : t.metrics()) {
        names.add(several ? t.name() + "_" + m.name() : m.name());
      }
    }
    return names;
  }
}
