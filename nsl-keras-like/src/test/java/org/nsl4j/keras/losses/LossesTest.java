package org.nsl4j.keras.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.optimizers.SGD;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class LossesTest {

  /** Per-example values of {@code loss} for targets fed through a placeholder of any shape. */
  private static FeatureArray perExample(Loss loss, FeatureArray yTrue, float[][] yPred) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.unknown()));
      Operand<TFloat32> values = loss.perExample(tf, y, tf.constant(yPred));
      try (Tensor t = yTrue.toTensor(); Result r = s.runner().feed(y, t).fetch(values).run()) {
        return FeatureArray.fromTensor(r.get(0));
      }
    }
  }

  @Test
  void meanSquaredErrorGivesRankOneTargetsTheTrailingAxisOfThePredictions() {
    float[][] predictions = {{1.5f}, {2f}, {5f}};
    // Keras reshapes [N] targets to [N, 1] first; broadcasting them would give [N, N].
    FeatureArray flat = perExample(Losses.meanSquaredError(),
        FeatureArray.ofFloats(new float[] {1, 2, 3}, 3), predictions);
    assertArrayEquals(new long[] {3}, flat.shape());
    assertArrayEquals(new float[] {0.25f, 0f, 4f}, flat.floats(), 1e-6f);
    FeatureArray column = perExample(Losses.meanSquaredError(),
        FeatureArray.ofFloats(new float[] {1, 2, 3}, 3, 1), predictions);
    assertArrayEquals(flat.floats(), column.floats(), 0f);
  }

  @Test
  void meanSquaredErrorAveragesOverTheLastAxisOfMatchingShapes() {
    FeatureArray values = perExample(Losses.meanSquaredError(),
        FeatureArray.ofFloats(new float[] {0, 0, 1, 1}, 2, 2), new float[][] {{1, 3}, {1, 1}});
    assertArrayEquals(new float[] {5f, 0f}, values.floats(), 1e-6f);
  }

  @Test
  void categoricalCrossentropyOfOneHotTargets() {
    FeatureArray values = perExample(Losses.categoricalCrossentropy(true),
        FeatureArray.ofFloats(new float[] {0, 1, 1, 0}, 2, 2), new float[][] {{0, 0}, {2, 0}});
    assertArrayEquals(new float[] {(float) Math.log(2), (float) Math.log(1 + Math.exp(-2))},
        values.floats(), 1e-6f);
  }

  @Test
  void evaluateReportsTheMeanSquaredErrorOfRankOneTargets() {
    float[] x = {1, 2, 3, 4};
    float[] y = {1, 5, 2, 9};
    try (Sequential model = new Sequential(new InputLayer("x", 1), new Dense(1).useBias(false))) {
      model.build();
      model.layers().get(0).setWeights(List.of(FeatureArray.ofFloats(new float[] {2}, 1, 1)));
      model.compile(new SGD(), Losses.meanSquaredError(), "mse");
      Map<String, Double> eval = model.evaluate(Dataset.fromTensorSlices(
          FeatureArray.ofFloats(x, 4, 1), FeatureArray.ofFloats(y, 4)).batch(4), 0);
      double expected = 0;
      for (int i = 0; i < x.length; i++) {
        expected += Math.pow(2 * x[i] - y[i], 2) / x.length;
      }
      assertEquals(expected, eval.get("loss"), 1e-5);
      assertEquals(expected, eval.get("mean_squared_error"), 1e-5);
    }
  }
}
