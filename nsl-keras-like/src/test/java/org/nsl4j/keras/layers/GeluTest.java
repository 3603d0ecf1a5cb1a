package org.nsl4j.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nsl4j.keras.activations.Activations;
import org.nsl4j.keras.data.FeatureArray;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** gelu exact and with the tanh approximation: values and gradients. */
class GeluTest {

  /** gelu(x) and d gelu / dx at x. */
  private static float[] valueAndSlope(boolean approximate, float x) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = tf.constant(new float[] {x});
      Operand<TFloat32> y = Activations.gelu(approximate).apply(tf, in);
      Output<?>[] dy = g.addGradients("d", new Output<?>[] {y.asOutput()},
          new Output<?>[] {in.asOutput()}, null);
      try (Result r = s.runner().fetch(y).fetch(dy[0]).run()) {
        return new float[] {FeatureArray.fromTensor(r.get(0)).floats()[0],
            FeatureArray.fromTensor(r.get(1)).floats()[0]};
      }
    }
  }

  @Test
  void exactGeluIsXTimesTheNormalCdf() {
    // Φ(1) = 0.84134475, φ(1) = 0.24197072: gelu'(1) = Φ(1) + φ(1)
    float[] v = valueAndSlope(false, 1f);
    assertEquals(0.84134475f, v[0], 1e-6f);
    assertEquals(0.84134475f + 0.24197072f, v[1], 1e-5f);
  }

  @Test
  void approximateGeluUsesTheTanhFormula() {
    // 0.5 · (1 + tanh(√(2/π) · 1.044715)) = 0.8411920; its slope at 1 is 1.0829640
    float[] v = valueAndSlope(true, 1f);
    assertEquals(0.8411920f, v[0], 1e-6f);
    assertEquals(1.0829640f, v[1], 1e-5f);
  }
}
