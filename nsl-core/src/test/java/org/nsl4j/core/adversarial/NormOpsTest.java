package org.nsl4j.core.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nsl4j.core.configs.NormType;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class NormOpsTest {

  private static final float TOL = 1e-5f;

  @Test
  void normalizeDividesEachExampleByItsNorm() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      // Shape [2, 1, 2]: the norm is taken over everything but the batch dimension.
      Operand<TFloat32> x = tf.constant(new float[][][] {{{3f, -4f}}, {{0f, 0f}}});
      List<float[]> out = new GraphRun(g).fetch(
          NormOps.normalize(tf, x, NormType.L2),
          NormOps.normalize(tf, x, NormType.L1),
          NormOps.normalize(tf, x, NormType.INFINITY));
      assertArrayEquals(new float[] {0.6f, -0.8f, 0f, 0f}, out.get(0), TOL);
      assertArrayEquals(new float[] {3f / 7, -4f / 7, 0f, 0f}, out.get(1), TOL);
      assertArrayEquals(new float[] {0.75f, -1f, 0f, 0f}, out.get(2), TOL);
    }
  }

  @Test
  void infinityDirectionIsTheSign() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Map<String, Operand<TFloat32>> w = Map.of("a", tf.constant(new float[][] {{0.5f, -2f, 0f}}));
      float[] d = new GraphRun(g).fetchOne(
          NormOps.maximizeWithinUnitNorm(tf, w, NormType.INFINITY).get("a"));
      assertArrayEquals(new float[] {1f, -1f, 0f}, d, 0f);
    }
  }

  @Test
  void l2DirectionIsJointOverTensorsPerExample() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Map<String, Operand<TFloat32>> w = new LinkedHashMap<>();
      w.put("a", tf.constant(new float[][] {{3f, 0f}, {0f, 1f}, {0f, 0f}}));
      w.put("b", tf.constant(new float[][][] {{{4f}}, {{0f}}, {{0f}}}));
      Map<String, Operand<TFloat32>> d = NormOps.maximizeWithinUnitNorm(tf, w, NormType.L2);
      assertEquals(List.of("a", "b"), new ArrayList<>(d.keySet()));
      List<float[]> out = new GraphRun(g).fetch(d.get("a"), d.get("b"));
      assertArrayEquals(new float[] {0.6f, 0f, 0f, 1f, 0f, 0f}, out.get(0), TOL);
      assertArrayEquals(new float[] {0.8f, 0f, 0f}, out.get(1), TOL);
    }
  }

  @Test
  void l1DirectionSplitsEvenlyAmongTiedLargestEntries() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Map<String, Operand<TFloat32>> w = new LinkedHashMap<>();
      w.put("a", tf.constant(new float[][] {{1f, -3f, 3f, 2f}, {0f, 0f, 0f, 0f}}));
      w.put("b", tf.constant(new float[][] {{-3f}, {0f}}));
      Map<String, Operand<TFloat32>> d = NormOps.maximizeWithinUnitNorm(tf, w, NormType.L1);
      List<float[]> out = new GraphRun(g).fetch(d.get("a"), d.get("b"));
      float third = 1f / 3;
      assertArrayEquals(new float[] {0f, -third, third, 0f, 0f, 0f, 0f, 0f}, out.get(0), TOL);
      assertArrayEquals(new float[] {-third, 0f}, out.get(1), TOL);
    }
  }

  @ParameterizedTest
  @EnumSource(NormType.class)
  void projectionMatchesAPlainJavaReference(NormType norm) {
    float epsilon = 1.5f;
    Random random = new Random(42);
    int batch = 6;
    float[][] a = new float[batch][3];
    float[][] b = new float[batch][2];
    for (int i = 0; i < batch; i++) {
      // Spread the examples' sizes so that some lie inside the ball and some outside.
      float scale = 0.1f + i * 0.6f;
      for (int j = 0; j < 3; j++) {
        a[i][j] = (float) random.nextGaussian() * scale;
      }
      for (int j = 0; j < 2; j++) {
        b[i][j] = (float) random.nextGaussian() * scale;
      }
    }
    a[5][0] = a[5][1]; // a tie in magnitude
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> pa = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      Placeholder<TFloat32> pb = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Map<String, Operand<TFloat32>> in = new LinkedHashMap<>();
      in.put("a", pa);
      in.put("b", pb);
      Map<String, Operand<TFloat32>> p = NormOps.projectToBall(tf, in, epsilon, norm);
      List<float[]> out = new GraphRun(g).feed(pa, a).feed(pb, b).fetch(p.get("a"), p.get("b"));
      int inside = 0;
      for (int i = 0; i < batch; i++) {
        float[] v = concat(a[i], b[i]);
        float[] expected = ReferenceNorms.project(v, epsilon, norm);
        float[] actual = concat(
            Arrays.copyOfRange(out.get(0), i * 3, i * 3 + 3),
            Arrays.copyOfRange(out.get(1), i * 2, i * 2 + 2));
        assertArrayEquals(expected, actual, 1e-4f, "example " + i + " of " + Arrays.toString(v));
        assertTrue(ReferenceNorms.norm(actual, norm) <= epsilon + 1e-4f);
        if (ReferenceNorms.norm(v, norm) <= epsilon) {
          assertArrayEquals(v, actual, 0f, "inside the ball: unchanged");
          inside++;
        }
      }
      assertTrue(inside > 0 && inside < batch, "examples on both sides of the ball: " + inside);
    }
  }

  @Test
  void l1ProjectionOfAKnownVector() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      // theta = 1 shrinks [3, -1.5, 0.5] to [2, -0.5, 0]: L1 norm 2.5.
      Map<String, Operand<TFloat32>> p = NormOps.projectToBall(
          tf, Map.of("v", tf.constant(new float[][] {{3f, -1.5f, 0.5f}})), 2.5f, NormType.L1);
      assertArrayEquals(new float[] {2f, -0.5f, 0f}, new GraphRun(g).fetchOne(p.get("v")), TOL);
    }
  }

  @ParameterizedTest
  @EnumSource(NormType.class)
  void randomPointsAreUniformInTheBall(NormType norm) {
    float epsilon = 0.3f;
    int batch = 4000;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Map<String, Operand<TInt32>> shapes = new LinkedHashMap<>();
      shapes.put("a", tf.constant(new int[] {batch, 3}));
      shapes.put("b", tf.constant(new int[] {batch, 2, 2}));
      Map<String, Operand<TFloat32>> r = NormOps.randomInNormBall(tf, shapes, epsilon, norm, 11L);
      List<float[]> out = new GraphRun(g).fetch(r.get("a"), r.get("b"));
      assertEquals(batch * 3, out.get(0).length);
      assertEquals(batch * 4, out.get(1).length);
      double sum = 0;
      for (int i = 0; i < batch; i++) {
        float[] v = concat(Arrays.copyOfRange(out.get(0), i * 3, i * 3 + 3),
            Arrays.copyOfRange(out.get(1), i * 4, i * 4 + 4));
        float n = ReferenceNorms.norm(v, norm);
        assertTrue(n <= epsilon * (1 + 1e-5f), "example " + i + " norm " + n);
        sum += n / epsilon;
      }
      // For a uniform point of a d-dimensional ball, P(norm <= r) = (r / eps)^d: mean d / (d + 1).
      int d = 7;
      assertEquals(d / (d + 1.0), sum / batch, 0.01);
    }
  }

  @Test
  void randomPointsWithTheSameSeedRepeatAcrossGraphs() {
    float[][] draws = new float[2][];
    for (int k = 0; k < 2; k++) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        Map<String, Operand<TFloat32>> r = NormOps.randomInNormBall(
            tf, Map.of("a", tf.constant(new int[] {2, 3})), 1f, NormType.L2, 5L);
        draws[k] = new GraphRun(g).fetchOne(r.get("a"));
      }
    }
    assertArrayEquals(draws[0], draws[1], 0f);
  }

  @Test
  void radiusMustBePositive() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Map<String, Operand<TFloat32>> x = Map.of("x", tf.constant(new float[][] {{1f}}));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> NormOps.projectToBall(tf, x, 0f, NormType.L2));
      assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
    }
  }

  static float[] concat(float[] a, float[] b) {
    float[] v = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, v, a.length, b.length);
    return v;
  }
}
