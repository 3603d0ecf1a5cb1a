package org.nsl4j.keras.adversarial;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.Feed;
import org.nsl4j.keras.backend.Gradients;
import org.nsl4j.keras.backend.InputGradients;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.metrics.Metric;
import org.nsl4j.keras.training.TrainingGraph;
import org.nsl4j.keras.optimizers.Optimizer;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Builds the adversarially regularized training graph. The labeled loss is differentiated once,
 * with respect to the input and the weights together: that single backward pass gives both the
 * attack direction and the clean weight gradients. The neighbor's loss adds a second forward and
 * backward pass for the weights only.
 */
final class AdvTrainingGraph {

  private final Model model;
  private final Loss loss;
  private final Optimizer optimizer;
  private final List<Metric> metrics;
  private final String labelKey;
  private final String sampleWeightKey;
  private final AdvRegConfig config;
  private final Backend backend;
  private final Ops tf;
  private Operand<?> labels;
  private Placeholder<TFloat32> sampleWeights;

  AdvTrainingGraph(Model model, Loss loss, Optimizer optimizer, List<Metric> metrics,
      String labelKey, String sampleWeightKey, AdvRegConfig config) {
    this.model = model;
    this.loss = loss;
    this.optimizer = optimizer;
    this.metrics = metrics;
    this.labelKey = labelKey;
    this.sampleWeightKey = sampleWeightKey;
    this.config = config;
    this.backend = model.backend();
    this.tf = backend.tf().withSubScope(backend.uniqueName("adversarial_regularization"));
  }

  TrainingGraph build() {
    Feed labelFeed = Feed.labels(tf.withName("label"), labelKey, loss, model.output());
    labels = labelFeed.placeholder();
    if (sampleWeightKey != null) {
      sampleWeights = tf.withName("sample_weight")
          .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    }
    Placeholder<TFloat32> x = model.inputPlaceholder();
    List<Weight> weights = model.trainableWeights();

    List<Op> updates = new ArrayList<>();
    Operand<TFloat32> logits = model.callInBranch(backend.uniqueName("training"), x, true, updates);
    Operand<TFloat32> labeled = weightedMean(loss.perExample(tf, labels, logits));
    List<Output<?>> clean =
        InputGradients.of(backend, "gradients", labeled, x, variables(weights));

    Operand<TFloat32> neighbor = neighbor(x, clean.get(0), true, updates);
    Operand<TFloat32> advLogits =
        model.callInBranch(backend.uniqueName("adversarial"), neighbor, true, updates);
    Operand<TFloat32> scaledAdv = tf.math.mul(tf.constant(config.multiplier()),
        weightedMean(loss.perExample(tf, labels, advLogits)));
    Operand<TFloat32> objective = tf.math.add(labeled, scaledAdv);
    List<Output<?>> grads = sum(clean.subList(1, clean.size()),
        Gradients.of(backend, "adversarial_gradients", scaledAdv, variables(weights)));
    List<Operand<TFloat32>> penalties = model.regularizationLosses(tf);
    if (!penalties.isEmpty()) {
      Operand<TFloat32> reg = tf.math.addN(penalties);
      objective = tf.math.add(objective, reg);
      grads = sum(grads, Gradients.of(backend, "regularization_gradients", reg, variables(weights)));
    }
    Op step = Gradients.apply(backend, optimizer, weights, grads, updates);

    Operand<TFloat32> n = TrainingGraph.batchSize(tf, labels);
    return new TrainingGraph(feeds(labelFeed), step,
        TrainingGraph.stats(tf, n, stats(objective, labeled, logits, scaledAdv)),
        TrainingGraph.stats(tf, n, evalStats(x)), names());
  }

  /** The evaluation statistics: everything in inference mode. */
  private List<Operand<TFloat32>> evalStats(Placeholder<TFloat32> x) {
    Operand<TFloat32> logits = model.output();
    Operand<TFloat32> labeled = weightedMean(loss.perExample(tf, labels, logits));
    Output<?> gx = InputGradients.of(backend, "eval_gradients", labeled, x, List.of()).get(0);
    Operand<TFloat32> advLogits = model.callInBranch(
        backend.uniqueName("adversarial_eval"), neighbor(x, gx, false, List.of()), false,
        new ArrayList<>());
    Operand<TFloat32> scaledAdv = tf.math.mul(tf.constant(config.multiplier()),
        weightedMean(loss.perExample(tf, labels, advLogits)));
    Operand<TFloat32> objective = tf.math.add(labeled, scaledAdv);
    List<Operand<TFloat32>> penalties = model.regularizationLosses(tf);
    if (!penalties.isEmpty()) {
      objective = tf.math.add(objective, tf.math.addN(penalties));
    }
    return stats(objective, labeled, logits, scaledAdv);
  }

  private List<Operand<TFloat32>> stats(Operand<TFloat32> objective, Operand<TFloat32> labeled,
      Operand<TFloat32> logits, Operand<TFloat32> scaledAdv) {
    List<Operand<TFloat32>> means = new ArrayList<>(List.of(objective, labeled));
    for (Metric m : metrics) {
      means.add(TrainingGraph.mean(tf, m.perExample(tf, labels, logits)));
    }
    means.add(scaledAdv);
    return means;
  }

  private List<String> names() {
    List<String> names = new ArrayList<>(List.of("loss", loss.name()));
    metrics.forEach(m -> names.add(m.name()));
    names.add("scaled_adversarial_loss");
    return names;
  }

  private List<Feed> feeds(Feed labelFeed) {
    List<Feed> feeds = new ArrayList<>();
    feeds.add(model.inputFeed(model.inputLayer().name()));
    feeds.add(labelFeed);
    if (sampleWeights != null) {
      feeds.add(new Feed(sampleWeightKey, sampleWeights, FeatureArray.DType.FLOAT32,
          new long[0]));
    }
    return feeds;
  }

  /** The adversarial neighbor of {@code x} from the labeled loss's input gradient {@code gx}. */
  private Operand<TFloat32> neighbor(
      Operand<TFloat32> x, Output<?> gx, boolean training, List<Op> updates) {
    return Neighbors.of(model, tf, config.advNeighborConfig(), x, gx, training, updates,
        logits -> weightedMean(loss.perExample(tf, labels, logits)));
  }

  /** {@code sum(w * l) / batch} with sample weights, else the mean, as Keras reduces losses. */
  private Operand<TFloat32> weightedMean(Operand<TFloat32> perExample) {
    if (sampleWeights == null) {
      return TrainingGraph.mean(tf, perExample);
    }
    return TrainingGraph.mean(tf, tf.math.mul(perExample, sampleWeights));
  }

  private static List<Operand<?>> variables(List<Weight> weights) {
    return weights.stream().<Operand<?>>map(Weight::variable).toList();
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
