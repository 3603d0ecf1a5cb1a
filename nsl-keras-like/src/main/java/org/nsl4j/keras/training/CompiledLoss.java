package org.nsl4j.keras.training;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.metrics.Metric;
import org.nsl4j.keras.training.CompileConfig.OutputTarget;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The compiled objective of a model's outputs against labels fed from each batch, as Keras's
 * {@code CompileLoss}: each output's loss averaged over the batch (with per-example sample
 * weights, {@code sum(w * loss) / batch}, as Keras reduces), their weighted sum, and each
 * output's metrics. The label placeholders are created once; every call below adds ops for the
 * outputs it is given (a training, inference or adversarial branch).
 */
public final class CompiledLoss {

  private final List<OutputTarget> targets;
  private final List<Feed> labelFeeds = new ArrayList<>();
  private final Operand<TFloat32> sampleWeights;

  /**
   * Label placeholders in {@code tf}'s scope, one per target, fed from {@code labelKeys}; class
   * ids of a sparse loss are checked against the width of the matching {@code outputs}.
   *
   * @param outputs the model's outputs, in target order (any branch: only shapes are read)
   * @param sampleWeights per-example loss weights shaped {@code [batch]}, or null
   */
  public CompiledLoss(Ops tf, List<OutputTarget> targets, List<String> labelKeys,
      List<Operand<TFloat32>> outputs, Operand<TFloat32> sampleWeights) {
    if (targets.size() != labelKeys.size()) {
      throw new IllegalArgumentException(
          targets.size() + " outputs but " + labelKeys.size() + " label keys " + labelKeys);
    }
    this.targets = List.copyOf(targets);
    this.sampleWeights = sampleWeights;
    checkCount(outputs);
    for (int i = 0; i < targets.size(); i++) {
      labelFeeds.add(Feed.labels(tf.withName(i == 0 ? "label" : "label_" + i), labelKeys.get(i),
          targets.get(i).loss(), outputs.get(i)));
    }
  }

  public List<OutputTarget> targets() {
    return targets;
  }

  /** One feed per output, in output order. */
  public List<Feed> labelFeeds() {
    return List.copyOf(labelFeeds);
  }

  /** Each output's loss on {@code outputs}, reduced over the batch. */
  public List<Operand<TFloat32>> losses(Ops tf, List<Operand<TFloat32>> outputs) {
    checkCount(outputs);
    List<Operand<TFloat32>> losses = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Operand<TFloat32> perExample =
          targets.get(i).loss().perExample(tf, label(i), outputs.get(i));
      losses.add(TrainingGraph.mean(tf,
          sampleWeights == null ? perExample : tf.math.mul(perExample, sampleWeights)));
    }
    return losses;
  }

  /** {@code sum(weight_i * losses_i)}; a single output of weight 1 is its loss itself. */
  public Operand<TFloat32> total(Ops tf, List<Operand<TFloat32>> losses) {
    Operand<TFloat32> total = null;
    for (int i = 0; i < targets.size(); i++) {
      double w = targets.get(i).weight();
      Operand<TFloat32> term =
          w == 1.0 ? losses.get(i) : tf.math.mul(losses.get(i), tf.constant((float) w));
      total = total == null ? term : tf.math.add(total, term);
    }
    return total;
  }

  /** {@link #total} of {@link #losses}: the compiled loss of {@code outputs}, a scalar. */
  public Operand<TFloat32> of(Ops tf, List<Operand<TFloat32>> outputs) {
    return total(tf, losses(tf, outputs));
  }

  /** The batch mean of every output's metrics, output by output. */
  public List<Operand<TFloat32>> metrics(Ops tf, List<Operand<TFloat32>> outputs) {
    checkCount(outputs);
    List<Operand<TFloat32>> means = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      for (Metric m : targets.get(i).metrics()) {
        means.add(TrainingGraph.mean(tf, m.perExample(tf, label(i), outputs.get(i))));
      }
    }
    return means;
  }

  /** The number of examples in the batch, from the first label. */
  public Operand<TFloat32> batchSize(Ops tf) {
    return TrainingGraph.batchSize(tf, label(0));
  }

  private Operand<?> label(int i) {
    return labelFeeds.get(i).placeholder();
  }

  private void checkCount(List<Operand<TFloat32>> outputs) {
    if (outputs.size() != targets.size()) {
      throw new IllegalArgumentException(
          "the compiled loss covers " + targets.size() + " outputs, got " + outputs.size());
    }
  }
}
