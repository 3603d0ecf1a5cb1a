package org.nsl4j.keras.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.backend.Gradients;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.optimizers.SGD;
import org.nsl4j.keras.losses.Losses;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Functional models as directed acyclic graphs: branches, merges, shared and nested layers. */
class FunctionalGraphTest {

  /** A merge layer written against the public extension point: the sum of its inputs. */
  static final class Sum extends Layer {
    Sum(String name) {
      super(name);
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, boolean training) {
      return tf.math.addN(inputs);
    }
  }

  /** x → a = dense(x); b = dense2(a); out1 = a + b (residual); out2 = shared(x) + shared(y). */
  private static Model twoInTwoOut() {
    KerasTensor x = Input.of("x", 2);
    KerasTensor y = Input.of("y", 2);
    KerasTensor a = new Dense(2, null, "a").useBias(false).apply(x);
    KerasTensor b = new Dense(2, null, "b").useBias(false).apply(a);
    KerasTensor residual = new Sum("residual").apply(a, b);
    Dense shared = new Dense(1, null, "shared");
    shared.useBias(false);
    KerasTensor both = new Sum("both").apply(shared.apply(x), shared.apply(y));
    return new Model(List.of(x, y), List.of(residual, both), "dag");
  }

  private static void setWeights(Model m) {
    m.getLayer("a").setWeights(List.of(FeatureArray.ofFloats(new float[] {1, 2, 3, 4}, 2, 2)));
    m.getLayer("b").setWeights(List.of(FeatureArray.ofFloats(new float[] {0, 1, 1, 0}, 2, 2)));
    m.getLayer("shared").setWeights(List.of(FeatureArray.ofFloats(new float[] {2, -1}, 2, 1)));
  }

  @Test
  void branchesMergesAndSharedLayersComputeTheHandValues() {
    try (Model m = twoInTwoOut()) {
      m.build();
      setWeights(m);
      FeatureArray xs = FeatureArray.ofFloats(new float[] {1, 0, 0, 1}, 2, 2);
      FeatureArray ys = FeatureArray.ofFloats(new float[] {1, 1, 2, 0}, 2, 2);
      List<FeatureArray> out =
          m.predictAll(Dataset.fromTensorSlices(Features.of("x", xs, "y", ys)).batch(2));
      // a = x·[[1,2],[3,4]]: [1,2], [3,4]; b = a·[[0,1],[1,0]] swaps: [2,1], [4,3]; a + b:
      assertArrayEquals(new float[] {3, 3, 7, 7}, out.get(0).floats(), 1e-6f);
      // shared(x) = 2·x0 − x1: 2, −1; shared(y): 1, 4; sums:
      assertArrayEquals(new float[] {3, 3}, out.get(1).floats(), 1e-6f);
      assertEquals(List.of("residual", "both"), m.outputNames());
      assertEquals(2, m.inputLayers().size());
      assertEquals(2 + 4 + 4, m.countParams(), "the shared layer's weights count once");
    }
  }

  @Test
  void summaryShowsWhatFeedsEachLayer() {
    try (Model m = twoInTwoOut()) {
      String text = m.summaryText();
      assertTrue(text.contains("Connected to"), text);
      assertTrue(text.contains("[a[0][0], b[0][0]]"), text);
      assertTrue(text.contains("[shared[0][0], shared[1][0]]"), text);
      assertTrue(text.contains("x (InputLayer)") && text.contains("y (InputLayer)"), text);
    }
  }

  @Test
  void aChainHasNoConnectedToColumn() {
    KerasTensor x = Input.of("x", 3);
    try (Model m = new Model(x, new Dense(2, "relu").apply(new Dense(4).apply(x)))) {
      assertTrue(!m.summaryText().contains("Connected to"), m.summaryText());
    }
  }

  @Test
  void aNestedModelIsALayerWithSharedWeights() {
    Sequential inner = new Sequential("inner", List.of(new InputLayer("z", 2),
        new Dense(2, null, "inner_dense").useBias(false)));
    KerasTensor x = Input.of("x", 2);
    KerasTensor once = inner.apply(x);
    KerasTensor twice = inner.apply(once);
    try (Model m = new Model(x, new Sum("sum").apply(once, twice), "outer")) {
      m.build();
      inner.getLayer("inner_dense")
          .setWeights(List.of(FeatureArray.ofFloats(new float[] {0, 1, 1, 0}, 2, 2)));
      FeatureArray out = m.predict(FeatureArray.ofFloats(new float[] {1, 2}, 1, 2));
      // inner swaps; once = [2, 1], twice = [1, 2]
      assertArrayEquals(new float[] {3, 3}, out.floats(), 1e-6f);
      assertEquals(4, m.countParams());
      assertSame(inner, m.layers().get(0));
    }
  }

  @Test
  void disconnectedAndMisusedInputsAreRejected() {
    KerasTensor x = Input.of("x", 2);
    KerasTensor y = Input.of("y", 2);
    KerasTensor out = new Sum("s").apply(x, y);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Model(x, out));
    assertTrue(e.getMessage().contains("graph disconnected") && e.getMessage().contains("'y'"),
        e.getMessage());
    KerasTensor hidden = new Dense(2).apply(x);
    e = assertThrows(IllegalArgumentException.class, () -> new Model(hidden, out));
    assertTrue(e.getMessage().contains("Input.of"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Model(List.of(x, x), List.of(new Dense(1).apply(x))));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void gradientsThroughBranchesMatchFiniteDifferences() {
    try (Model m = twoInTwoOut()) {
      m.build();
      setWeights(m);
      Ops tf = m.backend().tf();
      List<Operand<TFloat32>> outs = m.outputs();
      Operand<TFloat32> objective = tf.math.add(
          tf.reduceSum(tf.math.mul(outs.get(0), tf.constant(new float[][] {{1, -2}})),
              tf.constant(new int[] {0, 1})),
          tf.reduceSum(tf.math.square(outs.get(1)), tf.constant(new int[] {0, 1})));
      List<Placeholder<TFloat32>> in = m.inputPlaceholders();
      List<Operand<?>> targets = new ArrayList<>(in);
      m.trainableWeights().forEach(w -> targets.add(w.variable()));
      List<Output<?>> grads = Gradients.of(m.backend(), "fd", objective, targets);
      Random random = new Random(7);
      float[][] values = {gaussian(random, 4), gaussian(random, 4)};
      Session s = m.session();
      for (int k = 0; k < 2; k++) {
        float[] analytic = run(s, in, values, (Operand<TFloat32>) grads.get(k));
        for (int i = 0; i < 4; i++) {
          float saved = values[k][i];
          values[k][i] = saved + 1e-2f;
          double plus = run(s, in, values, objective)[0];
          values[k][i] = saved - 1e-2f;
          double minus = run(s, in, values, objective)[0];
          values[k][i] = saved;
          double numeric = (plus - minus) / 2e-2;
          assertEquals(numeric, analytic[i], 2e-2 * Math.max(1, Math.abs(numeric)),
              "d/d" + in.get(k).op().name() + "[" + i + "]");
        }
      }
      float[] dShared = run(s, in, values, (Operand<TFloat32>) grads.get(4));
      float[] x = values[0];
      float[] y = values[1];
      // out2 = (x + y)·w for each row; d/dw sum(out2²) = sum over rows of 2·out2·(x + y)
      double[] expected = new double[2];
      for (int r = 0; r < 2; r++) {
        double o = (x[2 * r] + y[2 * r]) * 2 - (x[2 * r + 1] + y[2 * r + 1]);
        expected[0] += 2 * o * (x[2 * r] + y[2 * r]);
        expected[1] += 2 * o * (x[2 * r + 1] + y[2 * r + 1]);
      }
      assertEquals(expected[0], dShared[0], 1e-3);
      assertEquals(expected[1], dShared[1], 1e-3);
    }
  }

  @Test
  void aTwoInputModelTrainsOnDictionaries() {
    KerasTensor x = Input.of("x1", 2);
    KerasTensor y = Input.of("x2", 2);
    KerasTensor sum = new Sum("sum").apply(new Dense(1, null, "dx").apply(x),
        new Dense(1, null, "dy").apply(y));
    try (Model m = new Model(List.of(x, y), List.of(sum))) {
      m.compile(new SGD(0.1f), Losses.meanSquaredError());
      Random random = new Random(1);
      float[] xs = gaussian(random, 128);
      float[] ys = gaussian(random, 128);
      float[] target = new float[64];
      for (int i = 0; i < 64; i++) {
        target[i] = xs[2 * i] - 2 * ys[2 * i + 1] + 0.5f;
      }
      Dataset data = Dataset.fromTensorSlices(Features.of(Map.of(
          "x1", FeatureArray.ofFloats(xs, 64, 2), "x2", FeatureArray.ofFloats(ys, 64, 2),
          Features.Y, FeatureArray.ofFloats(target, 64, 1)))).batch(16);
      double first = m.evaluate(data, 0).get("loss");
      m.fit(data, org.nsl4j.keras.training.FitOptions.epochs(30).verbose(0));
      double last = m.evaluate(data, 0).get("loss");
      assertTrue(last < first / 100, "loss " + first + " -> " + last);
    }
  }

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private static float[] run(Session s, List<Placeholder<TFloat32>> in, float[][] values,
      Operand<TFloat32> fetch) {
    try (Tensor a = FeatureArray.ofFloats(values[0], 2, 2).toTensor();
        Tensor b = FeatureArray.ofFloats(values[1], 2, 2).toTensor();
        Result r = s.runner().feed(in.get(0), a).feed(in.get(1), b).fetch(fetch).run()) {
      return FeatureArray.fromTensor(r.get(0)).floats();
    }
  }
}
