package org.nsl4j.core.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.NormType;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class PgdTest {

  private static final float TOL = 1e-5f;

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Operand<?> operand) {
    return (Operand<TFloat32>) operand;
  }

  private static Placeholder<TFloat32> batchOf(Ops tf, int width) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, width)));
  }

  /** Mean squared error of {@code x w} against 0. */
  private static Operand<TFloat32> linearLoss(Ops tf, Operand<TFloat32> x, Operand<TFloat32> w) {
    return tf.math.mean(tf.math.square(tf.linalg.matMul(x, w)), tf.constant(new int[] {0, 1}));
  }

  @Test
  void twoL2StepsMoveTwiceAlongTheGradient() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = batchOf(tf, 2);
      Operand<TFloat32> w = tf.constant(new float[][] {{3f}, {4f}});
      Output<?>[] grads = g.addGradients(linearLoss(tf, x, w).asOutput(),
          new Output<?>[] {x.asOutput()});
      AdvNeighborConfig config = AdvNeighborConfig.builder()
          .advStepSize(0.1f).pgdIterations(2).pgdEpsilon(1f).build();
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(tf, Map.of("x", x),
          Map.of("x", grads[0]), config, f -> linearLoss(tf, floats(f.get("x")), w));
      float[] out = new GraphRun(g).feed(x, new float[][] {{-1f, 1f}})
          .fetchOne(neighbor.features().get("x"));
      assertArrayEquals(new float[] {-1f + 0.12f, 1f + 0.16f}, out, TOL);
    }
  }

  /** A small fixed two-layer network over two features, and its loss. */
  private static final class Model {
    final Placeholder<TFloat32> a;
    final Placeholder<TFloat32> b;
    final Operand<TFloat32> w1;
    final Operand<TFloat32> w2;
    final Graph graph;
    final Ops tf;

    Model(Graph graph) {
      this.graph = graph;
      this.tf = Ops.create(graph);
      Random random = new Random(3);
      a = batchOf(tf, 3);
      b = batchOf(tf, 2);
      w1 = tf.constant(randomMatrix(random, 5, 6));
      w2 = tf.constant(randomMatrix(random, 6, 1));
    }

    Operand<TFloat32> loss(Operand<TFloat32> a, Operand<TFloat32> b) {
      Operand<TFloat32> input = tf.concat(List.of(a, b), tf.constant(1));
      Operand<TFloat32> hidden = tf.nn.relu(tf.linalg.matMul(input, w1));
      return tf.math.mean(tf.math.square(tf.math.sub(tf.linalg.matMul(hidden, w2),
          tf.constant(1f))), tf.constant(new int[] {0, 1}));
    }

    Map<String, Operand<?>> features() {
      Map<String, Operand<?>> features = new LinkedHashMap<>();
      features.put("a", a);
      features.put("b", b);
      return features;
    }

    AdvNeighbor attack(AdvNeighborConfig config) {
      Operand<TFloat32> loss = loss(a, b);
      Output<?>[] grads =
          graph.addGradients(loss.asOutput(), new Output<?>[] {a.asOutput(), b.asOutput()});
      return AdversarialNeighbors.genAdvNeighbor(tf, features(),
          Map.of("a", grads[0], "b", grads[1]), config,
          f -> loss(floats(f.get("a")), floats(f.get("b"))));
    }

    static float[][] randomMatrix(Random random, int rows, int cols) {
      float[][] m = new float[rows][cols];
      for (float[] row : m) {
        for (int j = 0; j < cols; j++) {
          row[j] = (float) random.nextGaussian();
        }
      }
      return m;
    }
  }

  private static final float[][] A = {{0.5f, -1f, 2f}, {1f, 1f, 1f}, {0.5f, -1f, 2f}};
  private static final float[][] B = {{0.3f, 0.2f}, {-1f, 0f}, {0.3f, 0.2f}};

  @ParameterizedTest
  @EnumSource(NormType.class)
  void pgdStaysInsideTheEpsilonBallAndIncreasesTheLoss(NormType norm) {
    float epsilon = 0.1f;
    try (Graph g = new Graph()) {
      Model model = new Model(g);
      AdvNeighbor neighbor = model.attack(AdvNeighborConfig.builder()
          .advGradNorm(norm).advStepSize(0.04f).pgdIterations(5).pgdEpsilon(epsilon).build());
      Operand<TFloat32> advA = floats(neighbor.features().get("a"));
      Operand<TFloat32> advB = floats(neighbor.features().get("b"));
      List<float[]> out = new GraphRun(g).feed(model.a, A).feed(model.b, B)
          .fetch(advA, advB, model.loss(model.a, model.b), model.loss(advA, advB));
      float maxNorm = 0;
      for (int i = 0; i < A.length; i++) {
        float[] delta = new float[5];
        for (int j = 0; j < 3; j++) {
          delta[j] = out.get(0)[i * 3 + j] - A[i][j];
        }
        for (int j = 0; j < 2; j++) {
          delta[3 + j] = out.get(1)[i * 2 + j] - B[i][j];
        }
        float n = ReferenceNorms.norm(delta, norm);
        assertTrue(n <= epsilon * (1 + 1e-4f), "example " + i + ": " + Arrays.toString(delta));
        maxNorm = Math.max(maxNorm, n);
      }
      // Five steps of 0.04 reach the boundary of the 0.1 ball.
      assertEquals(epsilon, maxNorm, 1e-4f);
      assertTrue(out.get(3)[0] > out.get(2)[0], "adversarial loss " + out.get(3)[0]
          + " should exceed clean loss " + out.get(2)[0]);
    }
  }

  @ParameterizedTest
  @EnumSource(NormType.class)
  void randomStartStaysInsideTheBall(NormType norm) {
    float epsilon = 0.2f;
    try (Graph g = new Graph()) {
      Model model = new Model(g);
      AdvNeighbor neighbor = model.attack(AdvNeighborConfig.builder().advGradNorm(norm)
          .advStepSize(0.05f).pgdEpsilon(epsilon).randomInit(true).randomSeed(9).build());
      List<float[]> out = new GraphRun(g).feed(model.a, A).feed(model.b, B)
          .fetch(neighbor.features().get("a"), neighbor.features().get("b"));
      float[][] deltas = new float[A.length][5];
      for (int i = 0; i < A.length; i++) {
        for (int j = 0; j < 3; j++) {
          deltas[i][j] = out.get(0)[i * 3 + j] - A[i][j];
        }
        for (int j = 0; j < 2; j++) {
          deltas[i][3 + j] = out.get(1)[i * 2 + j] - B[i][j];
        }
        assertTrue(ReferenceNorms.norm(deltas[i], norm) <= epsilon * (1 + 1e-4f),
            "example " + i + ": " + Arrays.toString(deltas[i]));
      }
      // Examples 0 and 2 are equal, so only the random start tells their neighbors apart.
      assertTrue(!Arrays.equals(deltas[0], deltas[2]), Arrays.toString(deltas[0]));
    }
  }

  @Test
  void noGradientFlowsThroughTheAttack() {
    float[][] x0 = {{-1f, 1f}, {2f, 0.5f}};
    float[] neighborValues;
    float[] throughNeighbor;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = batchOf(tf, 2);
      Operand<TFloat32> w = tf.constant(new float[][] {{3f}, {4f}});
      Output<?>[] grads = g.addGradients(linearLoss(tf, x, w).asOutput(),
          new Output<?>[] {x.asOutput()});
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(tf, Map.of("x", x),
          Map.of("x", grads[0]),
          AdvNeighborConfig.builder().advStepSize(0.5f).pgdIterations(2).pgdEpsilon(2f).build(),
          f -> linearLoss(tf, floats(f.get("x")), w));
      Operand<TFloat32> adv = floats(neighbor.features().get("x"));
      Output<?>[] advGrads = g.addGradients(linearLoss(tf, adv, w).asOutput(),
          new Output<?>[] {w.asOutput(), x.asOutput()});
      // The inputs reach the loss only through the stopped neighbor: no gradient op at all.
      assertNull(((GraphOperation) advGrads[1].op()).getUnsafeNativeHandle());
      List<float[]> out = new GraphRun(g).feed(x, x0).fetch(adv, advGrads[0]);
      neighborValues = out.get(0);
      throughNeighbor = out.get(1);
    }
    // The same loss on the neighbor fed in as a constant: only the direct path to the weights.
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> w = tf.constant(new float[][] {{3f}, {4f}});
      Operand<TFloat32> adv = tf.constant(new float[][] {
          {neighborValues[0], neighborValues[1]}, {neighborValues[2], neighborValues[3]}});
      Output<?>[] grads = g.addGradients(linearLoss(tf, adv, w).asOutput(),
          new Output<?>[] {w.asOutput()});
      assertArrayEquals(new GraphRun(g).fetchOne(grads[0]), throughNeighbor, 1e-4f);
    }
  }

  @Test
  void laterStepsLeaveAFeatureAloneWhoseLossGradientIsStopped() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Map<String, Operand<?>> features = new LinkedHashMap<>();
      features.put("a", tf.constant(new float[][] {{0f}}));
      features.put("b", tf.constant(new float[][] {{0f}}));
      Operand<TFloat32> up = tf.constant(new float[][] {{1f}});
      AdvNeighborConfig config = AdvNeighborConfig.builder().advGradNorm(NormType.INFINITY)
          .advStepSize(0.1f).pgdIterations(3).pgdEpsilon(1f).build();
      // The loss of the later steps grows with a and reaches b only through a stopped gradient.
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(tf, features,
          Map.of("a", up, "b", up), config,
          f -> tf.math.add(tf.reduceSum(floats(f.get("a")), tf.constant(new int[] {0, 1})),
              tf.reduceSum(tf.stopGradient(floats(f.get("b"))), tf.constant(new int[] {0, 1}))));
      List<float[]> out = new GraphRun(g)
          .fetch(neighbor.features().get("a"), neighbor.features().get("b"));
      assertArrayEquals(new float[] {0.3f}, out.get(0), TOL);
      assertArrayEquals(new float[] {0.1f}, out.get(1), TOL);
    }
  }

  @Test
  void severalAttacksFitInOneGraph() {
    try (Graph g = new Graph()) {
      Model model = new Model(g);
      AdvNeighborConfig config = AdvNeighborConfig.builder()
          .advStepSize(0.01f).pgdIterations(3).pgdEpsilon(0.1f).build();
      AdvNeighbor first = model.attack(config);
      AdvNeighbor second = model.attack(config);
      List<float[]> out = new GraphRun(g).feed(model.a, A).feed(model.b, B)
          .fetch(first.features().get("a"), second.features().get("a"));
      assertArrayEquals(out.get(0), out.get(1), 0f);
    }
  }

  @Test
  void twoRandomStartsInOneGraphDrawDifferentPointsReproducibly() {
    AdvNeighborConfig config = AdvNeighborConfig.builder().advGradNorm(NormType.INFINITY)
        .advStepSize(0.01f).pgdEpsilon(0.1f).randomInit(true).randomSeed(5).build();
    List<float[]> first = twoRandomStarts(config);
    assertTrue(!Arrays.equals(first.get(0), first.get(1)),
        "two attacks drew the same random start " + Arrays.toString(first.get(0)));
    List<float[]> again = twoRandomStarts(config);
    assertArrayEquals(first.get(0), again.get(0), 0f);
    assertArrayEquals(first.get(1), again.get(1), 0f);
  }

  /** The neighbors of two attacks with the same config built in one new graph. */
  private static List<float[]> twoRandomStarts(AdvNeighborConfig config) {
    try (Graph g = new Graph()) {
      Model model = new Model(g);
      AdvNeighbor first = model.attack(config);
      AdvNeighbor second = model.attack(config);
      return new GraphRun(g).feed(model.a, A).feed(model.b, B)
          .fetch(first.features().get("a"), second.features().get("a"));
    }
  }

  @Test
  void everyStepIsClippedBeforeTheNextGradient() {
    // The loss rises towards 1.1 and falls beyond it: from 0.9, steps of 0.3 clipped to [0, 1]
    // stay at 1; clipping only at the end would oscillate 0.9, 1.2, 0.9.
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(new float[][] {{0.9f}});
      AdvNeighborConfig config = AdvNeighborConfig.builder().advGradNorm(NormType.INFINITY)
          .advStepSize(0.3f).pgdIterations(2).pgdEpsilon(1f).clipValueMin(0f).clipValueMax(1f)
          .build();
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(tf, Map.of("x", x),
          Map.of("x", tf.constant(new float[][] {{1f}})), config,
          f -> tf.math.neg(tf.reduceSum(tf.math.abs(tf.math.sub(floats(f.get("x")),
              tf.constant(1.1f))), tf.constant(new int[] {0, 1}))));
      assertArrayEquals(new float[] {1f}, new GraphRun(g).fetchOne(neighbor.features().get("x")),
          TOL);
    }
  }

  @ParameterizedTest
  @EnumSource(NormType.class)
  void everyIterateOfAClippedRandomStartPgdLiesInTheBallAndTheBox(NormType norm) {
    float epsilon = 0.3f;
    float[][] a = {{0.1f, 0.9f, 0.5f}, {0f, 1f, 0.2f}, {0.95f, 0.05f, 0.5f}};
    float[][] b = {{0.3f, 0.2f}, {1f, 0f}, {0.3f, 0.99f}};
    for (int iterations = 1; iterations <= 4; iterations++) {
      try (Graph g = new Graph()) {
        Model model = new Model(g);
        AdvNeighbor neighbor = model.attack(AdvNeighborConfig.builder().advGradNorm(norm)
            .advStepSize(0.2f).pgdIterations(iterations).pgdEpsilon(epsilon).randomInit(true)
            .clipValueMin(0f).clipValueMax(1f).build());
        List<float[]> out = new GraphRun(g).feed(model.a, a).feed(model.b, b)
            .fetch(neighbor.features().get("a"), neighbor.features().get("b"));
        for (int i = 0; i < a.length; i++) {
          float[] delta = new float[5];
          for (int j = 0; j < 5; j++) {
            float v = j < 3 ? out.get(0)[i * 3 + j] : out.get(1)[i * 2 + j - 3];
            assertTrue(v >= 0f && v <= 1f, "iterate " + iterations + " left the box: " + v);
            delta[j] = v - (j < 3 ? a[i][j] : b[i][j - 3]);
          }
          assertTrue(ReferenceNorms.norm(delta, norm) <= epsilon * (1 + 1e-4f),
              "iterate " + iterations + " of example " + i + ": " + Arrays.toString(delta));
        }
      }
    }
  }

  @Test
  void aRandomStartWithoutEpsilonComesFromTheStepSizeBall() {
    try (Graph g = new Graph()) {
      Model model = new Model(g);
      AdvNeighbor neighbor = model.attack(AdvNeighborConfig.builder()
          .advGradNorm(NormType.INFINITY).advStepSize(0.05f).pgdIterations(1).randomInit(true)
          .build());
      float[] out = new GraphRun(g).feed(model.a, A).feed(model.b, B)
          .fetchOne(neighbor.features().get("a"));
      // A random start within 0.05, then one unprojected step of 0.05: at most 0.1 away.
      for (int i = 0; i < A.length; i++) {
        for (int j = 0; j < 3; j++) {
          assertTrue(Math.abs(out[i * 3 + j] - A[i][j]) <= 0.1f + TOL, Arrays.toString(out));
        }
      }
    }
  }
}
