package org.nsl4j.keras.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Layer;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Central finite differences of a scalar objective of a model's graph, w.r.t. its float inputs
 * and its layers' weights, for comparison with TensorFlow's analytic gradients. The outputs of the
 * graph's random ops (dropout masks, noise, augmentation draws) are drawn once and fed to every
 * later run, so that a stochastic layer computes the same function at every evaluation.
 * Close it to release the frozen draws.
 */
public final class FiniteDifferences implements AutoCloseable {

  /** The step of the central differences. */
  public static final float STEP = 1e-2f;

  private final Session session;
  private final List<Placeholder<TFloat32>> inputs;
  private final List<long[]> shapes;
  private final List<float[]> values;
  private final List<Output<?>> randomOutputs = new ArrayList<>();
  private Result randomValues;

  /**
   * Differences in {@code session} of {@code graph}, with {@code inputs} fed {@code values}
   * (row-major, of {@code shapes}); the values are changed in place by {@link #input} and
   * restored.
   */
  public FiniteDifferences(Graph graph, Session session, List<Placeholder<TFloat32>> inputs,
      List<long[]> shapes, List<float[]> values) {
    this.session = session;
    this.inputs = inputs;
    this.shapes = shapes;
    this.values = values;
    Iterator<GraphOperation> ops = graph.operations();
    while (ops.hasNext()) {
      GraphOperation op = ops.next();
      if (op.type().startsWith("Random") || op.type().equals("TruncatedNormal")) {
        randomOutputs.add(op.output(0));
      }
    }
    if (!randomOutputs.isEmpty()) {
      List<Tensor> fed = new ArrayList<>();
      try {
        Session.Runner runner = feedInputs(session.runner(), fed);
        randomOutputs.forEach(runner::fetch);
        randomValues = runner.run();
      } finally {
        fed.forEach(Tensor::close);
      }
    }
  }

  /** The value of {@code fetch} at the current inputs and weights. */
  public float[] eval(Operand<TFloat32> fetch) {
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = feedInputs(session.runner(), fed);
      for (int i = 0; i < randomOutputs.size(); i++) {
        runner.feed(randomOutputs.get(i), randomValues.get(i));
      }
      try (Result r = runner.fetch(fetch).run()) {
        return FeatureArray.fromTensor(r.get(0)).floats();
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /** d objective / d input[k][i]. */
  public double input(Operand<TFloat32> objective, int k, int i) {
    float[] v = values.get(k);
    float saved = v[i];
    v[i] = saved + STEP;
    double plus = eval(objective)[0];
    v[i] = saved - STEP;
    double minus = eval(objective)[0];
    v[i] = saved;
    return (plus - minus) / (2 * STEP);
  }

  /** d objective / d (weight {@code w} of {@code layer})[i]; the weight is restored. */
  public double weight(Operand<TFloat32> objective, Layer layer, int w, int i) {
    List<FeatureArray> all = new ArrayList<>(layer.getWeights());
    FeatureArray original = all.get(w);
    float[] changed = original.floats().clone();
    changed[i] = original.floats()[i] + STEP;
    all.set(w, FeatureArray.ofFloats(changed.clone(), original.shape()));
    layer.setWeights(all);
    double plus = eval(objective)[0];
    changed[i] = original.floats()[i] - STEP;
    all.set(w, FeatureArray.ofFloats(changed.clone(), original.shape()));
    layer.setWeights(all);
    double minus = eval(objective)[0];
    all.set(w, original);
    layer.setWeights(all);
    return (plus - minus) / (2 * STEP);
  }

  private Session.Runner feedInputs(Session.Runner runner, List<Tensor> fed) {
    for (int k = 0; k < inputs.size(); k++) {
      Tensor t = FeatureArray.ofFloats(values.get(k), shapes.get(k)).toTensor();
      fed.add(t);
      runner.feed(inputs.get(k), t);
    }
    return runner;
  }

  @Override
  public void close() {
    if (randomValues != null) {
      randomValues.close();
    }
  }
}
