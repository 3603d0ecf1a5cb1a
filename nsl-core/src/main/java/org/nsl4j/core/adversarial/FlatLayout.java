package org.nsl4j.core.adversarial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Lays batched tensors side by side as one {@code [batch, width]} matrix, one row per example, so
 * that per-example norms can be taken jointly over all of them. Shapes are read at run time, so the
 * batch size (and any other dimension) may be unknown when the graph is built.
 */
final class FlatLayout {

  private final Ops tf;
  private final List<String> keys;
  private final List<Operand<TInt32>> shapes;
  private final List<Operand<TInt32>> widths;

  private FlatLayout(Ops tf, Map<String, ? extends Operand<TInt32>> shapes) {
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException("at least one tensor is needed");
    }
    this.tf = tf;
    this.keys = new ArrayList<>(shapes.keySet());
    this.shapes = new ArrayList<>(shapes.values());
    this.widths = new ArrayList<>();
    for (Operand<TInt32> shape : this.shapes) {
      widths.add(tf.reduceProd(tf.stridedSlice(shape, Indices.sliceFrom(1)), tf.constant(0)));
    }
  }

  /** The layout of tensors with the given run-time shapes (first dimension = batch). */
  static FlatLayout ofShapes(Ops tf, Map<String, ? extends Operand<TInt32>> shapes) {
    return new FlatLayout(tf, shapes);
  }

  /** The layout of the given batched tensors. */
  static FlatLayout of(Ops tf, Map<String, ? extends Operand<?>> tensors) {
    Map<String, Operand<TInt32>> shapes = new LinkedHashMap<>();
    tensors.forEach((key, tensor) -> shapes.put(key, tf.shape(tensor)));
    return new FlatLayout(tf, shapes);
  }

  /** The batch size, a scalar. */
  Operand<TInt32> batchSize() {
    return tf.stridedSlice(shapes.get(0), Indices.at(0));
  }

  /** The shape {@code [batch, width]} of the joined matrix. */
  Operand<TInt32> matrixShape() {
    Operand<TInt32> width = widths.size() == 1 ? widths.get(0) : tf.math.addN(widths);
    return tf.stack(List.of(batchSize(), width));
  }

  /** Joins the tensors (keyed as in this layout) into one {@code [batch, width]} matrix. */
  Operand<TFloat32> flatten(Map<String, ? extends Operand<TFloat32>> tensors) {
    List<Operand<TFloat32>> rows = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Operand<TFloat32> tensor = tensors.get(keys.get(i));
      rows.add(tf.reshape(tensor, tf.stack(List.of(tf.constant(-1), widths.get(i)))));
    }
    return rows.size() == 1 ? rows.get(0) : tf.concat(rows, tf.constant(1));
  }

  /** Splits a {@code [batch, width]} matrix back into tensors of this layout's keys and shapes. */
  Map<String, Operand<TFloat32>> unflatten(Operand<TFloat32> matrix) {
    List<? extends Operand<TFloat32>> parts =
        keys.size() == 1
            ? List.of(matrix)
            : tf.splitV(matrix, tf.stack(widths), tf.constant(1), (long) keys.size()).output();
    Map<String, Operand<TFloat32>> tensors = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      tensors.put(keys.get(i), tf.reshape(parts.get(i), shapes.get(i)));
    }
    return tensors;
  }

  /** Per-row sums of a matrix, shaped {@code [batch, 1]}. */
  static Operand<TFloat32> rowSum(Ops tf, Operand<TFloat32> matrix) {
    return tf.reduceSum(matrix, tf.constant(1), ReduceSum.keepDims(true));
  }

  /** Per-row maxima of a matrix, shaped {@code [batch, 1]}. */
  static Operand<TFloat32> rowMax(Ops tf, Operand<TFloat32> matrix) {
    return tf.reduceMax(matrix, tf.constant(1), ReduceMax.keepDims(true));
  }
}
