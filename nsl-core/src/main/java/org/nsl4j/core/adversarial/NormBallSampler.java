package org.nsl4j.core.adversarial;

import java.util.List;
import java.util.Map;
import org.nsl4j.core.configs.NormType;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Draws points uniformly from norm balls. L-infinity: each entry uniform in {@code [-eps, eps]}.
 * L2 and L1 use the fact (Barthe, Guedon, Mendelson and Naor, 2005) that dropping {@code p}
 * coordinates of a uniform point on the unit {@code p}-norm sphere of dimension {@code n + p} leaves
 * a uniform point of the unit ball of dimension {@code n}: the direction comes from i.i.d. normal
 * (L2) or Laplace (L1) samples, and the dropped coordinates' share of the norm, an exponential
 * variable, sets the radius.
 */
final class NormBallSampler {

  private final Ops tf;
  private final long seed;
  private final long streamBase;
  private final Operand<TInt64> seedPair;
  private long stream;

  /**
   * A sampler whose random ops draw a stream of their own: the second seed of each op derives
   * from a name made unique in the graph, so that two samplers never draw the same values while a
   * graph built in the same order draws the same ones.
   */
  NormBallSampler(Ops tf, long seed) {
    this.tf = tf;
    this.seed = seed;
    this.streamBase = fnv1a(tf.scope().makeOpName("random_in_norm_ball")) << 8;
    this.seedPair = null;
  }

  /**
   * A sampler of stateless random ops keyed by {@code seedPair}, an int64 {@code [2]} fed at run
   * time: the same key draws the same values on every run.
   */
  NormBallSampler(Ops tf, Operand<TInt64> seedPair) {
    this.tf = tf;
    this.seed = 0;
    this.streamBase = 0;
    this.seedPair = seedPair;
  }

  Map<String, Operand<TFloat32>> sample(
      Map<String, ? extends Operand<TInt32>> shapes, Operand<TFloat32> radius, NormType norm) {
    FlatLayout layout = FlatLayout.ofShapes(tf, shapes);
    Operand<TInt32> matrixShape = layout.matrixShape();
    Operand<TInt32> perExample = tf.stack(List.of(layout.batchSize(), tf.constant(1)));
    Operand<TFloat32> rows;
    Operand<TFloat32> scale;
    if (norm == NormType.INFINITY) {
      rows = tf.math.sub(tf.math.mul(uniform(matrixShape), tf.constant(2f)), tf.constant(1f));
      scale = radius;
    } else if (norm == NormType.L2) {
      // Two dropped normal coordinates: their squared norm is exponential with mean 2.
      rows = normal(matrixShape);
      Operand<TFloat32> squaredNorm = tf.math.add(
          FlatLayout.rowSum(tf, tf.math.square(rows)),
          tf.math.mul(exponential(perExample), tf.constant(2f)));
      scale = tf.math.mul(radius, tf.math.rsqrt(squaredNorm));
    } else {
      // Laplace entries; one dropped Laplace coordinate: its magnitude is exponential with mean 1.
      rows = tf.math.sub(exponential(matrixShape), exponential(matrixShape));
      Operand<TFloat32> norm1 =
          tf.math.add(FlatLayout.rowSum(tf, tf.math.abs(rows)), exponential(perExample));
      scale = tf.math.div(radius, norm1);
    }
    return layout.unflatten(tf.math.mul(rows, scale));
  }

  /** Uniform in {@code [0, 1)}. */
  private Operand<TFloat32> uniform(Operand<TInt32> shape) {
    return seedPair != null
        ? tf.random.statelessRandomUniform(shape, nextKey(), TFloat32.class)
        : tf.random.randomUniform(shape, TFloat32.class,
            RandomUniform.seed(seed), RandomUniform.seed2(nextStream()));
  }

  /** Standard normal. */
  private Operand<TFloat32> normal(Operand<TInt32> shape) {
    return seedPair != null
        ? tf.random.statelessRandomNormal(shape, nextKey(), TFloat32.class)
        : tf.random.randomStandardNormal(shape, TFloat32.class,
            RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(nextStream()));
  }

  /** The stateless key of the next random op: the fed pair with its second half offset. */
  private Operand<TInt64> nextKey() {
    return tf.math.add(seedPair, tf.constant(new long[] {0, nextStream()}));
  }

  /** Exponential with mean 1, as {@code -log(1 - u)} for {@code u} uniform in {@code [0, 1)}. */
  private Operand<TFloat32> exponential(Operand<TInt32> shape) {
    return tf.math.neg(tf.math.log(tf.math.sub(tf.constant(1f), uniform(shape))));
  }

  /** A distinct second seed for each random op, so that no two ops draw the same sequence. */
  private long nextStream() {
    return streamBase + ++stream;
  }

  /** The 64-bit FNV-1a hash of a name, non-negative. */
  private static long fnv1a(String name) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < name.length(); i++) {
      hash = (hash ^ name.charAt(i)) * 0x100000001b3L;
    }
    return hash >>> 9;
  }
}
