package org.nsl4j.core.adversarial;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Exact Euclidean projection of each row of a matrix onto the L1 ball of a given radius, by the
 * sort-based algorithm: with the magnitudes sorted descending as {@code u} and their running sums
 * {@code s}, the largest {@code j} with {@code u_j > (s_j - radius) / j} fixes the threshold
 * {@code theta = (s_j - radius) / j}, and every entry shrinks towards zero by {@code theta}. Rows
 * already inside the ball get {@code theta <= 0} and are returned unchanged.
 */
final class L1BallProjection {

  private L1BallProjection() {}

  /**
   * Projects every row of the {@code [batch, width]} matrix onto the L1 ball of {@code radius > 0},
   * a scalar or one radius per row shaped {@code [batch, 1]}.
   */
  static Operand<TFloat32> project(Ops tf, Operand<TFloat32> rows, Operand<TFloat32> radius) {
    Operand<TFloat32> magnitude = tf.math.abs(rows);
    Operand<TInt32> width = tf.stridedSlice(tf.shape(rows), Indices.at(1));
    Operand<TFloat32> sorted = tf.nn.topK(magnitude, width, new TopK.Options[0]).values();
    Operand<TFloat32> runningSum = tf.math.cumsum(sorted, tf.constant(1));
    Operand<TFloat32> position = tf.math.add(
        tf.range(tf.constant(0f), tf.dtypes.cast(width, TFloat32.class), tf.constant(1f)),
        tf.constant(1f));
    Operand<TFloat32> excess = tf.math.sub(runningSum, radius);
    Operand<TFloat32> active =
        tf.dtypes.cast(tf.math.greater(tf.math.mul(sorted, position), excess), TFloat32.class);
    Operand<TFloat32> count = FlatLayout.rowMax(tf, tf.math.mul(active, position));
    Operand<TFloat32> excessAtCount = FlatLayout.rowSum(tf,
        tf.math.mul(excess, tf.dtypes.cast(tf.math.equal(position, count), TFloat32.class)));
    Operand<TFloat32> theta = tf.nn.relu(
        tf.math.div(excessAtCount, tf.math.maximum(count, tf.constant(1f))));
    return tf.math.mul(tf.math.sign(rows), tf.nn.relu(tf.math.sub(magnitude, theta)));
  }
}
