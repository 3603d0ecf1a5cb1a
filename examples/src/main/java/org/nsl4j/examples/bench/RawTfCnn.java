package org.nsl4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.keras.config.SessionOptions;
import org.nsl4j.keras.initializers.Initializers;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The tutorial CNN written directly with TensorFlow Java ops, without the Keras-like API: the
 * baseline {@code bench} compares the Keras-like model against.
 */
final class RawTfCnn implements AutoCloseable {

  private final Graph graph = new Graph();
  private final Session session;
  final Placeholder<TFloat32> images;
  final Placeholder<TInt64> labels;
  final Op trainStep;
  final Operand<TFloat32> loss;

  RawTfCnn(HParams h, SessionOptions options) {
    Ops tf = Ops.create(graph);
    long[] in = h.inputShape();
    images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, in[0], in[1], in[2])));
    labels = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    List<Variable<TFloat32>> vars = new ArrayList<>();
    Operand<TFloat32> x = images;
    long channels = in[2];
    long height = in[0];
    long width = in[1];
    int[] filters = h.convFilters();
    int k = h.kernelSize();
    for (int i = 0; i < filters.length; i++) {
      Variable<TFloat32> kernel = glorot(tf, Shape.of(k, k, channels, filters[i]), vars, i);
      Variable<TFloat32> bias = zeros(tf, filters[i], vars);
      x = tf.nn.relu(tf.nn.biasAdd(
          tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "VALID"), bias));
      channels = filters[i];
      height -= k - 1;
      width -= k - 1;
      if (i < filters.length - 1) {
        int p = h.poolSize();
        OperationBuilder pool = tf.scope().opBuilder("MaxPool", "MaxPool");
        pool.addInput(x.asOutput());
        pool.setAttr("ksize", new long[] {1, p, p, 1});
        pool.setAttr("strides", new long[] {1, p, p, 1});
        pool.setAttr("padding", "VALID");
        x = pool.build().output(0);
        height /= p;
        width /= p;
      }
    }
    long units = height * width * channels;
    x = tf.reshape(x, tf.constant(new long[] {-1, units}));
    int layer = filters.length;
    for (int d : h.denseUnits()) {
      x = tf.nn.relu(dense(tf, x, units, d, vars, layer++));
      units = d;
    }
    Operand<TFloat32> logits = dense(tf, x, units, h.numClasses(), vars, layer);
    Operand<TFloat32> oneHot =
        tf.oneHot(labels, tf.constant(h.numClasses()), tf.constant(1f), tf.constant(0f));
    loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(),
        tf.constant(0));
    Output<?>[] grads = graph.addGradients(
        loss.asOutput(), vars.stream().map(Variable::asOutput).toArray(Output<?>[]::new));
    trainStep = adam(tf, vars, grads, h.learningRate());
    session = new Session(graph, options.configForNewSession());
  }

  Session session() {
    return session;
  }

  private static Variable<TFloat32> glorot(
      Ops tf, Shape shape, List<Variable<TFloat32>> vars, long seed) {
    Ops init = tf.withInitScope();
    Variable<TFloat32> v = init.variable(shape, TFloat32.class);
    init.assign(v, Initializers.get("glorot_uniform").initialValue(init, shape, seed));
    vars.add(v);
    return v;
  }

  private static Variable<TFloat32> zeros(Ops tf, long size, List<Variable<TFloat32>> vars) {
    Ops init = tf.withInitScope();
    Variable<TFloat32> v = init.variable(init.fill(init.constant(new long[] {size}),
        init.constant(0f)));
    vars.add(v);
    return v;
  }

  private static Operand<TFloat32> dense(Ops tf, Operand<TFloat32> x, long in, long out,
      List<Variable<TFloat32>> vars, long seed) {
    Variable<TFloat32> kernel = glorot(tf, Shape.of(in, out), vars, seed);
    return tf.nn.biasAdd(tf.linalg.matMul(x, kernel), zeros(tf, out, vars));
  }

  @SuppressWarnings("unchecked")
  private static Op adam(Ops tf, List<Variable<TFloat32>> vars, Output<?>[] grads, float lr) {
    Ops init = tf.withInitScope();
    Variable<TFloat32> b1p = init.variable(init.constant(0.9f));
    Variable<TFloat32> b2p = init.variable(init.constant(0.999f));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Variable<TFloat32> v = vars.get(i);
      Operand<TFloat32> zeros = init.fill(init.constant(v.shape()), init.constant(0f));
      Variable<TFloat32> m = init.variable(zeros);
      Variable<TFloat32> s = init.variable(zeros);
      updates.add(tf.train.applyAdam(v, m, s, b1p, b2p, tf.constant(lr), tf.constant(0.9f),
          tf.constant(0.999f), tf.constant(1e-7f), (Operand<TFloat32>) grads[i]));
    }
    Ops after = tf.withControlDependencies(updates);
    return tf.withControlDependencies(List.of(
        after.assign(b1p, after.math.mul(b1p, after.constant(0.9f))),
        after.assign(b2p, after.math.mul(b2p, after.constant(0.999f))))).noOp();
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
