package org.nsl4j.core.adversarial;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nsl4j.core.configs.NormType;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Per-example norm operations on batched tensors (NSL's {@code nsl.lib.utils} norm functions).
 * The first dimension of every tensor is the batch; an example's norm is taken over all its other
 * entries and, for a map of tensors, jointly over all tensors of the map. The batch size may be
 * unknown when the graph is built.
 */
public final class NormOps {

  /** Lower bound of a norm that is divided by, against division by zero (NSL's epsilon). */
  private static final float MIN_NORM = 1e-6f;

  private NormOps() {}

  /**
   * Divides each example by its norm ({@link NormType#L2}: by {@code sqrt(max(sum x^2, 1e-12))};
   * L1 and infinity: by {@code max(norm, 1e-6)}).
   */
  public static Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> tensor, NormType norm) {
    FlatLayout layout = FlatLayout.of(tf, Map.of("", tensor));
    Operand<TFloat32> rows = layout.flatten(Map.of("", tensor));
    Operand<TFloat32> normalized = switch (norm) {
      case L2 -> tf.math.mul(rows, inverseL2Norm(tf, rows));
      case L1 -> tf.math.div(rows, atLeastMinNorm(tf, FlatLayout.rowSum(tf, tf.math.abs(rows))));
      case INFINITY ->
          tf.math.div(rows, atLeastMinNorm(tf, FlatLayout.rowMax(tf, tf.math.abs(rows))));
    };
    return layout.unflatten(normalized).get("");
  }

  /**
   * For each example, the perturbation {@code x} of unit norm maximizing {@code <weights, x>}:
   * {@link NormType#INFINITY}: {@code sign(w)}; {@link NormType#L2}: {@code w / ||w||_2} (with the
   * squared norm floored at 1e-12); {@link NormType#L1}: {@code sign(w) / k} on the {@code k}
   * entries tied for the largest {@code |w|}, 0 elsewhere. Keys and order follow {@code weights}.
   */
  public static Map<String, Operand<TFloat32>> maximizeWithinUnitNorm(
      Ops tf, Map<String, ? extends Operand<TFloat32>> weights, NormType norm) {
    Objects.requireNonNull(norm, "norm");
    if (weights.isEmpty()) {
      return new LinkedHashMap<>();
    }
    if (norm == NormType.INFINITY) {
      Map<String, Operand<TFloat32>> signs = new LinkedHashMap<>();
      weights.forEach((key, w) -> signs.put(key, tf.math.sign(w)));
      return signs;
    }
    FlatLayout layout = FlatLayout.of(tf, weights);
    Operand<TFloat32> rows = layout.flatten(weights);
    Operand<TFloat32> direction;
    if (norm == NormType.L2) {
      direction = tf.math.mul(rows, inverseL2Norm(tf, rows));
    } else {
      Operand<TFloat32> magnitude = tf.math.abs(rows);
      Operand<TFloat32> isMax = tf.dtypes.cast(
          tf.math.equal(magnitude, FlatLayout.rowMax(tf, magnitude)), TFloat32.class);
      Operand<TFloat32> ties = atLeastMinNorm(tf, FlatLayout.rowSum(tf, isMax));
      direction = tf.math.div(tf.math.mul(isMax, tf.math.sign(rows)), ties);
    }
    return layout.unflatten(direction);
  }

  /**
   * Projects each example onto the ball of radius {@code epsilon} around the origin; examples
   * inside the ball are unchanged. {@link NormType#INFINITY}: clips every entry to {@code [-eps,
   * eps]}; {@link NormType#L2}: rescales by {@code min(1, eps / ||x||_2)}; {@link NormType#L1}: the
   * exact Euclidean projection onto the L1 ball (soft-thresholding at the sort-based threshold).
   * Keys and order follow {@code tensors}.
   *
   * @throws IllegalArgumentException if {@code epsilon} is not finite and positive
   */
  public static Map<String, Operand<TFloat32>> projectToBall(
      Ops tf, Map<String, ? extends Operand<TFloat32>> tensors, float epsilon, NormType norm) {
    requireRadius(epsilon);
    return projectToBall(tf, tensors, tf.constant(epsilon), norm);
  }

  /**
   * {@link #projectToBall(Ops, Map, float, NormType)} with the radius computed in the graph (fed at
   * run time, so one graph serves every radius): a positive scalar, or one radius per example
   * shaped {@code [batch, 1]}.
   */
  public static Map<String, Operand<TFloat32>> projectToBall(Ops tf,
      Map<String, ? extends Operand<TFloat32>> tensors, Operand<TFloat32> epsilon, NormType norm) {
    Objects.requireNonNull(norm, "norm");
    if (tensors.isEmpty()) {
      return new LinkedHashMap<>();
    }
    FlatLayout layout = FlatLayout.of(tf, tensors);
    Operand<TFloat32> rows = layout.flatten(tensors);
    Operand<TFloat32> projected = switch (norm) {
      case INFINITY -> tf.math.minimum(tf.math.maximum(rows, tf.math.neg(epsilon)), epsilon);
      case L2 -> tf.math.mul(rows, tf.math.minimum(
          tf.constant(1f), tf.math.mul(epsilon, inverseL2Norm(tf, rows))));
      case L1 -> L1BallProjection.project(tf, rows, epsilon);
    };
    return layout.unflatten(projected);
  }

  /**
   * Draws, for each example, a point uniformly from the ball of radius {@code epsilon} in the given
   * norm, jointly over tensors of the given run-time shapes (first dimension = batch). The random
   * ops are seeded with {@code seed} and with a stream of their own for every call in a graph:
   * two calls never draw the same values, a program draws the same sequence on every run, and each
   * session run draws anew.
   *
   * @throws IllegalArgumentException if {@code epsilon} is not finite and positive
   */
  public static Map<String, Operand<TFloat32>> randomInNormBall(
      Ops tf, Map<String, ? extends Operand<TInt32>> shapes, float epsilon, NormType norm,
      long seed) {
    requireRadius(epsilon);
    return randomInNormBall(tf, shapes, tf.constant(epsilon), norm, seed);
  }

  /**
   * {@link #randomInNormBall(Ops, Map, float, NormType, long)} with the radius computed in the
   * graph: a positive scalar, or one radius per example shaped {@code [batch, 1]}.
   */
  public static Map<String, Operand<TFloat32>> randomInNormBall(Ops tf,
      Map<String, ? extends Operand<TInt32>> shapes, Operand<TFloat32> epsilon, NormType norm,
      long seed) {
    Objects.requireNonNull(norm, "norm");
    if (shapes.isEmpty()) {
      return new LinkedHashMap<>();
    }
    return new NormBallSampler(tf, seed).sample(shapes, epsilon, norm);
  }

  /**
   * {@link #randomInNormBall(Ops, Map, Operand, NormType, long)} drawn by stateless random ops
   * keyed by {@code seedPair}, an int64 {@code [2]} fed at run time: each key always draws the same
   * points, so a caller makes runs reproducible and distinct by the keys it feeds.
   */
  public static Map<String, Operand<TFloat32>> randomInNormBall(Ops tf,
      Map<String, ? extends Operand<TInt32>> shapes, Operand<TFloat32> epsilon, NormType norm,
      Operand<TInt64> seedPair) {
    Objects.requireNonNull(norm, "norm");
    if (shapes.isEmpty()) {
      return new LinkedHashMap<>();
    }
    return new NormBallSampler(tf, seedPair).sample(shapes, epsilon, norm);
  }

  /** {@code 1 / sqrt(max(sum x^2, MIN_NORM^2))} per row, shaped {@code [batch, 1]}. */
  private static Operand<TFloat32> inverseL2Norm(Ops tf, Operand<TFloat32> rows) {
    Operand<TFloat32> squared = FlatLayout.rowSum(tf, tf.math.square(rows));
    return tf.math.rsqrt(tf.math.maximum(squared, tf.constant(MIN_NORM * MIN_NORM)));
  }

  private static Operand<TFloat32> atLeastMinNorm(Ops tf, Operand<TFloat32> norm) {
    return tf.math.maximum(norm, tf.constant(MIN_NORM));
  }

  private static void requireRadius(float epsilon) {
    if (!Float.isFinite(epsilon) || epsilon <= 0) {
      throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
    }
  }
}
