package org.nsl4j.keras.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsl4j.core.adversarial.NormOps;
import org.nsl4j.core.configs.NormType;
import org.nsl4j.keras.data.FeatureArray;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The update rules of the gradient attacks in one norm, on input rows {@code [batch, width]}:
 * every result is projected onto each example's ε-ball around its original {@code x0} and then
 * clipped to the classifier's box, so every iterate lies in both. ε, step sizes, the momentum and
 * the random key are fed at run time: one graph serves every ε. Built once per classifier and norm.
 */
final class StepGraph {

  private record Key(NormType norm) {}

  private final GradientClassifier classifier;
  private final Placeholder<TFloat32> x0;
  private final Placeholder<TFloat32> current;
  private final Placeholder<TFloat32> previous;
  private final Placeholder<TFloat32> gradient;
  private final Placeholder<TFloat32> eps;
  private final Placeholder<TFloat32> step;
  private final Placeholder<TFloat32> alpha;
  private final Placeholder<TInt64> seed;
  private final Operand<TFloat32> ascent;
  private final Operand<TFloat32> momentum;
  private final Operand<TFloat32> randomStart;

  private StepGraph(GradientClassifier c, NormType norm) {
    this.classifier = c;
    Ops tf = c.tf();
    Shape rows = Shape.of(-1, c.inputSize());
    x0 = tf.placeholder(TFloat32.class, Placeholder.shape(rows));
    current = tf.placeholder(TFloat32.class, Placeholder.shape(rows));
    previous = tf.placeholder(TFloat32.class, Placeholder.shape(rows));
    gradient = tf.placeholder(TFloat32.class, Placeholder.shape(rows));
    eps = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    step = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    alpha = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    Operand<TFloat32> radius = column(tf, eps);
    Operand<TFloat32> direction = NormOps.maximizeWithinUnitNorm(tf, Map.of("x", gradient), norm)
        .get("x");
    ascent = inBallAndBox(tf, tf.math.add(current, tf.math.mul(column(tf, step), direction)),
        radius, norm);
    Operand<TFloat32> heavyBall = tf.math.add(current, tf.math.add(
        tf.math.mul(alpha, tf.math.sub(ascent, current)),
        tf.math.mul(tf.math.sub(tf.constant(1f), alpha), tf.math.sub(current, previous))));
    momentum = inBallAndBox(tf, heavyBall, radius, norm);
    Operand<TFloat32> start = NormOps.randomInNormBall(tf, Map.of("x", tf.shape(x0)), radius,
        norm, seed).get("x");
    randomStart = inBallAndBox(tf, tf.math.add(x0, start), radius, norm);
  }

  /** The step graph of classifier {@code c} in {@code norm}, built on first use. */
  static StepGraph of(GradientClassifier c, NormType norm) {
    return c.graph(new Key(norm), () -> new StepGraph(c, norm));
  }

  /**
   * {@code x + step · (steepest ascent of the gradient in the norm)}, projected and clipped: a
   * PGD step, or FGM's single step of size ε from {@code x0}.
   */
  float[] ascent(Batch b, float[] x, float[] grad, float[] stepSizes) {
    return run(ascent, b, x, null, grad, stepSizes, 1f, null);
  }

  /**
   * APGD's step with momentum {@code alpha}: {@code z} = the ascent step from {@code x}, then
   * {@code x + alpha (z - x) + (1 - alpha)(x - previous)}, projected and clipped.
   */
  float[] momentum(Batch b, float[] x, float[] prev, float[] grad, float[] stepSizes, float a) {
    return run(momentum, b, x, prev, grad, stepSizes, a, null);
  }

  /** A uniformly random point of each example's ε-ball, clipped, drawn from key {@code key}. */
  float[] randomStart(Batch b, long[] key) {
    return run(randomStart, b, null, null, null, null, 1f, key);
  }

  private float[] run(Operand<TFloat32> fetch, Batch b, float[] x, float[] prev, float[] grad,
      float[] stepSizes, float a, long[] key) {
    int n = b.size();
    int w = classifier.inputSize();
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = classifier.session().runner();
      runner.feed(x0, track(fed, FeatureArray.ofFloats(b.x(), n, w)));
      runner.feed(eps, track(fed, FeatureArray.ofFloats(b.eps(), n)));
      if (x != null) {
        runner.feed(current, track(fed, FeatureArray.ofFloats(x, n, w)));
        runner.feed(gradient, track(fed, FeatureArray.ofFloats(grad, n, w)));
        runner.feed(step, track(fed, FeatureArray.ofFloats(stepSizes, n)));
        runner.feed(previous, track(fed, FeatureArray.ofFloats(prev == null ? x : prev, n, w)));
        runner.feed(alpha, track(fed, FeatureArray.ofFloats(new float[] {a})));
      }
      if (key != null) {
        runner.feed(seed, track(fed, FeatureArray.ofLongs(key, 2)));
      }
      try (Result r = runner.fetch(fetch).run()) {
        return FeatureArray.fromTensor(r.get(0)).floats();
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  private static Tensor track(List<Tensor> fed, FeatureArray values) {
    Tensor t = values.toTensor();
    fed.add(t);
    return t;
  }

  /** {@code x0 + proj_ε(v - x0)}, clipped to the classifier's box. */
  private Operand<TFloat32> inBallAndBox(Ops tf, Operand<TFloat32> v, Operand<TFloat32> radius,
      NormType norm) {
    Operand<TFloat32> delta = NormOps.projectToBall(tf, Map.of("x", tf.math.sub(v, x0)), radius,
        norm).get("x");
    ClipValues box = classifier.clipValues();
    return tf.math.minimum(tf.math.maximum(tf.math.add(x0, delta), tf.constant(box.min())),
        tf.constant(box.max()));
  }

  /** {@code [batch]} as {@code [batch, 1]}. */
  private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> perExample) {
    return tf.reshape(perExample, tf.constant(new long[] {-1, 1}));
  }
}
