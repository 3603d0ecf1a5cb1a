package org.nsl4j.keras.robustness;

import java.util.Arrays;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.losses.Losses;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The per-example attack loss, the logits and the loss's input gradient of a classifier at a batch
 * of input rows: one forward and one backward pass. Built once per classifier, loss and mode.
 */
final class LossGraph {

  /** What one run returns, per example: the loss, the logits and the gradient rows. */
  record Values(float[] loss, float[] logits, float[] gradient) {}

  private record Key(AttackLoss loss, boolean targeted) {}

  private final GradientClassifier classifier;
  private final Placeholder<TFloat32> rows;
  private final Placeholder<TInt64> labels;
  private final Placeholder<TInt64> targets;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> gradient;

  private LossGraph(GradientClassifier c, AttackLoss kind, boolean targeted) {
    this.classifier = c;
    Ops tf = c.tf();
    rows = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.inputSize())));
    labels = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    targets = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    logits = c.logits(rows);
    loss = switch (kind) {
      case CE -> targeted ? tf.math.neg(crossEntropy(tf, targets)) : crossEntropy(tf, labels);
      case DLR -> differenceOfLogitsRatio(tf, targeted);
    };
    gradient = c.gradient(tf.reduceSum(loss, tf.constant(0)), rows);
  }

  /** The graph of {@code loss} (targeted or not) in classifier {@code c}, built on first use. */
  static LossGraph of(GradientClassifier c, AttackLoss loss, boolean targeted) {
    return c.graph(new Key(loss, targeted), () -> new LossGraph(c, loss, targeted));
  }

  /**
   * Loss, logits and gradient at {@code n} rows; {@code targets} may be null if untargeted. The
   * rows run padded to their {@link RowBuckets bucket}.
   */
  Values run(float[] x, int n, long[] labelValues, long[] targetValues) {
    long[] t = targetValues == null ? labelValues : targetValues;
    int width = classifier.inputSize();
    int m = RowBuckets.of(n);
    try (Tensor xt = FeatureArray.ofFloats(RowBuckets.pad(x, n, width, m), m, width).toTensor();
        Tensor yt = FeatureArray.ofLongs(RowBuckets.pad(labelValues, m), m).toTensor();
        Tensor tt = FeatureArray.ofLongs(RowBuckets.pad(t, m), m).toTensor();
        Result r = classifier.session().runner().feed(rows, xt).feed(labels, yt)
            .feed(targets, tt).fetch(loss).fetch(logits).fetch(gradient).run()) {
      return new Values(head(r, 0, n), head(r, 1, n * classifier.numClasses()),
          head(r, 2, n * width));
    }
  }

  /** The first {@code length} values of result {@code i}. */
  private static float[] head(Result r, int i, int length) {
    return Arrays.copyOf(FeatureArray.fromTensor(r.get(i)).floats(), length);
  }

  private Operand<TFloat32> crossEntropy(Ops tf, Operand<TInt64> classes) {
    return Losses.sparseCategoricalCrossentropy(true).perExample(tf, classes, logits);
  }

  /** Croce and Hein's DLR loss; the ranks come from logits without gradient. */
  private Operand<TFloat32> differenceOfLogitsRatio(Ops tf, boolean targeted) {
    int k = classifier.numClasses();
    Operand<TFloat32> fixed = tf.stopGradient(logits);
    Operand<TInt32> ranked =
        tf.nn.topK(fixed, tf.constant(Math.min(k, 4)), new TopK.Options[0]).indices();
    Operand<TFloat32> top1 = pick(tf, column(tf, ranked, 0), k);
    Operand<TFloat32> top3 = pick(tf, column(tf, ranked, 2), k);
    Operand<TFloat32> trueLogit = pick(tf, tf.dtypes.cast(labels, TInt32.class), k);
    Operand<TFloat32> epsilon = tf.constant(1e-12f);
    if (targeted) {
      Operand<TFloat32> top4 = pick(tf, column(tf, ranked, 3), k);
      Operand<TFloat32> target = pick(tf, tf.dtypes.cast(targets, TInt32.class), k);
      Operand<TFloat32> scale = tf.math.sub(top1,
          tf.math.mul(tf.constant(0.5f), tf.math.add(top3, top4)));
      return tf.math.neg(tf.math.div(tf.math.sub(trueLogit, target),
          tf.math.add(scale, epsilon)));
    }
    Operand<TFloat32> masked = tf.math.sub(fixed, tf.math.mul(tf.constant(1e9f),
        tf.oneHot(tf.dtypes.cast(labels, TInt32.class), tf.constant(k), tf.constant(1f),
            tf.constant(0f))));
    Operand<TInt32> otherBest = tf.dtypes.cast(tf.math.argMax(masked, tf.constant(1)),
        TInt32.class);
    Operand<TFloat32> bestOther = pick(tf, otherBest, k);
    return tf.math.neg(tf.math.div(tf.math.sub(trueLogit, bestOther),
        tf.math.add(tf.math.sub(top1, top3), epsilon)));
  }

  /** The logit of class {@code index} (per example), with its gradient. */
  private Operand<TFloat32> pick(Ops tf, Operand<TInt32> index, int k) {
    Operand<TFloat32> mask = tf.oneHot(index, tf.constant(k), tf.constant(1f), tf.constant(0f));
    return tf.reduceSum(tf.math.mul(logits, mask), tf.constant(1), ReduceSum.keepDims(false));
  }

  private static Operand<TInt32> column(Ops tf, Operand<TInt32> matrix, int j) {
    return tf.reshape(tf.slice(matrix, tf.constant(new int[] {0, j}), tf.constant(new int[] {-1, 1})),
        tf.constant(new int[] {-1}));
  }
}
