package org.nsl4j.keras.models;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.training.Feed;
import org.nsl4j.keras.backend.Gradients;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.metrics.Metric;
import org.nsl4j.keras.training.TrainingGraph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Builds a compiled model's training graph: loss, metrics and the optimizer step. */
final class StandardTraining {

  private StandardTraining() {}

  static TrainingGraph build(Model model) {
    Backend b = model.backend();
    Ops tf = b.tf();
    Loss loss = model.loss();
    if (model.outputs().size() != 1) {
      throw new UnsupportedOperationException("model '" + model.name() + "' has "
          + model.outputs().size() + " outputs; compile/fit/evaluate take one-output models");
    }
    Feed labels =
        Feed.labels(tf.withName(b.uniqueName("label")), Features.Y, loss, model.output());
    Operand<?> y = labels.placeholder();

    List<Op> updates = new ArrayList<>();
    List<Operand<TFloat32>> xs = List.copyOf(model.inputPlaceholders());
    Operand<TFloat32> trainOut =
        model.callInBranch(b.uniqueName("training"), xs, true, updates).get(0);
    Ops lossTf = tf.withSubScope(b.uniqueName("loss"));
    Operand<TFloat32> trainLoss = withRegularization(lossTf, model,
        TrainingGraph.mean(lossTf, loss.perExample(lossTf, y, trainOut)));
    List<Weight> weights = model.trainableWeights();
    List<Output<?>> grads =
        Gradients.of(b, "gradients", trainLoss, weights.stream().map(Weight::variable).toList());
    Op step = Gradients.apply(b, model.optimizer(), weights, grads, updates);

    Operand<TFloat32> evalLoss = withRegularization(lossTf, model,
        TrainingGraph.mean(lossTf, loss.perExample(lossTf, y, model.output())));
    List<String> names = new ArrayList<>(List.of("loss"));
    model.metrics().forEach(m -> names.add(m.name()));
    Operand<TFloat32> n = TrainingGraph.batchSize(lossTf, y);
    List<Feed> feeds = new ArrayList<>(
        xs.size() == 1 ? List.of(model.inputFeed(Features.X)) : model.inputFeeds());
    feeds.add(labels);
    return new TrainingGraph(feeds, step,
        TrainingGraph.stats(lossTf, n, means(lossTf, trainLoss, model.metrics(), y, trainOut)),
        TrainingGraph.stats(lossTf, n, means(lossTf, evalLoss, model.metrics(), y, model.output())),
        names);
  }

  /** {@code loss} plus the sum of the model's weight penalties. */
  static Operand<TFloat32> withRegularization(Ops tf, Model model, Operand<TFloat32> loss) {
    Operand<TFloat32> total = loss;
    for (Operand<TFloat32> penalty : model.regularizationLosses(tf)) {
      total = tf.math.add(total, penalty);
    }
    return total;
  }

  /** The batch means: the loss, then each metric on {@code yPred}. */
  static List<Operand<TFloat32>> means(Ops tf, Operand<TFloat32> loss, List<Metric> metrics,
      Operand<?> y, Operand<TFloat32> yPred) {
    List<Operand<TFloat32>> means = new ArrayList<>();
    means.add(loss);
    for (Metric m : metrics) {
      means.add(TrainingGraph.mean(tf, m.perExample(tf, y, yPred)));
    }
    return means;
  }
}
