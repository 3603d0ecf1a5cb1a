package org.nsl4j.keras.profiler;

import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;

/** The multiply-accumulates of one op for one example (one row of its leading dimension). */
final class OpMacs {

  private OpMacs() {}

  /** The op's MACs per example, or 0 for ops that are not counted. */
  static long of(GraphOperation op) {
    return switch (op.type()) {
      case "Conv2D", "Conv3D", "DepthwiseConv2dNative" -> convolution(op);
      case "MatMul" -> matMul(op);
      case "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3" -> batchMatMul(op);
      default -> 0;
    };
  }

  /** Output positions × the whole kernel (its last dimension is the filters, or the multiplier). */
  private static long convolution(GraphOperation op) {
    Shape out = op.output(0).shape();
    Shape kernel = op.input(1).shape();
    int rank = out.numDimensions();
    boolean channelsFirst = op.attributes().getAttrString("data_format").startsWith("NC");
    long positions = channelsFirst ? FlopCount.product(out, 2, rank, op)
        : FlopCount.product(out, 1, rank - 1, op);
    return positions * FlopCount.product(kernel, 0, kernel.numDimensions(), op);
  }

  /** One row of {@code a} times {@code b}: inner size × columns, the size of {@code b}. */
  private static long matMul(GraphOperation op) {
    return FlopCount.product(op.input(1).shape(), 0, 2, op);
  }

  /** The matrices of one example: the dimensions after the first, times rows × inner × columns. */
  private static long batchMatMul(GraphOperation op) {
    Shape a = op.input(0).shape();
    Shape b = op.input(1).shape();
    int rb = b.numDimensions();
    int columnDim = op.attributes().getAttrBool("adj_y") ? rb - 2 : rb - 1;
    return FlopCount.product(a, 1, a.numDimensions(), op)
        * FlopCount.product(b, columnDim, columnDim + 1, op);
  }
}
