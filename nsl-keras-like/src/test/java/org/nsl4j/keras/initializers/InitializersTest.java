package org.nsl4j.keras.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class InitializersTest {

  private static float[] sample(String name, Shape shape, long seed) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      try (Result r = s.runner()
          .fetch(Initializers.get(name).initialValue(tf, shape, seed)).run()) {
        float[] v = new float[(int) shape.size()];
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(v, false, false));
        return v;
      }
    }
  }

  /** Keras's variance for a 3x3x32x64 convolution kernel: scale / fan, fans include 3x3. */
  @ParameterizedTest
  @CsvSource({"glorot_uniform, 0.00231481", "glorot_normal, 0.00231481",
      "he_uniform, 0.00694444", "he_normal, 0.00694444"})
  void varianceMatchesKerasFansForConvolutionKernels(String name, double variance) {
    float[] v = sample(name, Shape.of(3, 3, 32, 64), 7);
    double mean = 0;
    double sq = 0;
    for (float x : v) {
      mean += x;
      sq += x * x;
    }
    mean /= v.length;
    assertEquals(0, mean, 0.002, name + " mean");
    assertEquals(variance, sq / v.length - mean * mean, variance * 0.05, name + " variance");
  }

  @Test
  void seedsAreReproducibleAndDistinct() {
    float[] a = sample("glorot_uniform", Shape.of(4, 4), 1);
    float[] b = sample("glorot_uniform", Shape.of(4, 4), 1);
    float[] c = sample("glorot_uniform", Shape.of(4, 4), 2);
    assertEquals(a[0], b[0]);
    assertTrue(a[0] != c[0]);
    assertEquals(0f, sample("zeros", Shape.of(3), 1)[2]);
    assertEquals(1f, sample("ones", Shape.of(3), 1)[2]);
    assertThrows(IllegalArgumentException.class, () -> Initializers.get("orthogonal"));
  }
}
