package org.nsl4j.examples.bench;

import org.nsl4j.keras.config.SessionOptions;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * The practical compute ceiling of this machine as TensorFlow reaches it: the GFLOP/s of one
 * large square matrix product held in variables, in float32 and (where the CPU has it) bfloat16.
 */
final class MatMulCeiling implements AutoCloseable {

  /** The matrix size: large enough for oneDNN to reach its peak on a few cores. */
  static final int SIZE = 2048;

  private final Graph graph = new Graph();
  private final Session session;
  private final Op float32;
  private final Op bfloat16;

  MatMulCeiling(SessionOptions options, boolean withBfloat16) {
    Ops tf = Ops.create(graph);
    Ops init = tf.withInitScope();
    var shape = init.constant(new long[] {SIZE, SIZE});
    var a = init.variable(init.random.randomUniform(shape, TFloat32.class));
    var b = init.variable(init.random.randomUniform(shape, TFloat32.class));
    float32 = tf.linalg.matMul(a, b);
    bfloat16 = withBfloat16 ? tf.linalg.matMul(
        init.variable(init.dtypes.cast(init.random.randomUniform(shape, TFloat32.class),
            TBfloat16.class)),
        init.variable(init.dtypes.cast(init.random.randomUniform(shape, TFloat32.class),
            TBfloat16.class))) : null;
    session = new Session(graph, options.configForNewSession());
    run(float32);
    if (bfloat16 != null) {
      run(bfloat16);
    }
  }

  boolean hasBfloat16() {
    return bfloat16 != null;
  }

  /** GFLOP/s of one float32 product. */
  double float32Gflops() {
    return gflops(float32);
  }

  /** GFLOP/s of one bfloat16 product. */
  double bfloat16Gflops() {
    return gflops(bfloat16);
  }

  private double gflops(Op product) {
    long t0 = System.nanoTime();
    run(product);
    return 2.0 * SIZE * SIZE * SIZE / (System.nanoTime() - t0);
  }

  private void run(Op product) {
    try (Result r = session.runner().addTarget(product).run()) {
      r.size();
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
