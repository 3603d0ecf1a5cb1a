package org.nsl4j.core.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.FeatureConstant;
import org.nsl4j.core.configs.NormType;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

class AdversarialNeighborsTest {

  private static final float TOL = 1e-5f;

  /** Mean squared error of the linear model {@code x w} against {@code y}. */
  private static Operand<TFloat32> linearLoss(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> w, Operand<TFloat32> y) {
    return tf.math.mean(tf.math.square(tf.math.sub(tf.linalg.matMul(x, w), y)),
        tf.constant(new int[] {0, 1}));
  }

  private static Placeholder<TFloat32> batchOf(Ops tf, int width) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, width)));
  }

  @Test
  void fgsmOnALinearModelSharesTheBackwardPass() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = batchOf(tf, 2);
      Operand<TFloat32> w = tf.constant(new float[][] {{4f}, {-3f}});
      Operand<TFloat32> loss = linearLoss(tf, x, w, tf.constant(new float[][] {{0f}}));
      // One backward pass gives the gradients for the weights and for the features.
      Output<?>[] grads = g.addGradients(loss.asOutput(), new Output<?>[] {x.asOutput(), w.asOutput()});
      AdvNeighborConfig config = AdvNeighborConfig.builder()
          .advStepSize(0.01f).advGradNorm(NormType.INFINITY).build();
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(
          tf, Map.of("x", x), Map.of("x", grads[0]), config, null);
      List<float[]> out = new GraphRun(g).feed(x, new float[][] {{2f, 3f}})
          .fetch(neighbor.features().get("x"), neighbor.weight());
      assertArrayEquals(new float[] {1.99f, 3.01f}, out.get(0), TOL);
      assertArrayEquals(new float[] {1f}, out.get(1), 0f);
    }
  }

  @Test
  void l2StepFollowsTheNormalizedGradient() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = batchOf(tf, 2);
      Operand<TFloat32> w = tf.constant(new float[][] {{3f}, {4f}});
      Operand<TFloat32> loss = linearLoss(tf, x, w, tf.constant(new float[][] {{0f}}));
      Output<?>[] grads = g.addGradients(loss.asOutput(), new Output<?>[] {x.asOutput()});
      AdvNeighborConfig config = AdvNeighborConfig.builder().advStepSize(0.1f).build();
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(
          tf, Map.of("x", x), Map.of("x", grads[0]), config, null);
      List<float[]> out = new GraphRun(g).feed(x, new float[][] {{-1f, 1f}})
          .fetch(grads[0], neighbor.features().get("x"));
      // Gradient [6, 8], unit direction [0.6, 0.8].
      assertArrayEquals(new float[] {6f, 8f}, out.get(0), TOL);
      assertArrayEquals(new float[] {-1f + 0.06f, 1f + 0.08f}, out.get(1), TOL);
    }
  }

  @Test
  void l2StepIsJointOverFeaturesPerExample() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Map<String, Operand<?>> features = new LinkedHashMap<>();
      features.put("a", tf.constant(new float[][] {{1f, 2f}, {1f, 2f}}));
      features.put("b", tf.constant(new float[][] {{3f}, {3f}}));
      Map<String, Operand<?>> grads = Map.of(
          "a", tf.constant(new float[][] {{3f, 0f}, {0f, 1f}}),
          "b", tf.constant(new float[][] {{4f}, {0f}}));
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(
          tf, features, grads, AdvNeighborConfig.builder().advStepSize(1f).build(), null);
      assertEquals(List.of("a", "b"), new ArrayList<>(neighbor.features().keySet()));
      List<float[]> out = new GraphRun(g)
          .fetch(neighbor.features().get("a"), neighbor.features().get("b"), neighbor.weight());
      assertArrayEquals(new float[] {1.6f, 2f, 1f, 3f}, out.get(0), TOL);
      assertArrayEquals(new float[] {3.8f, 3f}, out.get(1), TOL);
      assertArrayEquals(new float[] {1f, 1f}, out.get(2), 0f);
    }
  }

  @Test
  void l1StepSharesTheStepAmongTiedLargestGradients() {
    float[] out = step(NormType.L1, 0.3f, new float[][] {{1f, -3f, 3f, 2f}},
        AdvNeighborConfig.builder());
    assertArrayEquals(new float[] {0f, -0.15f, 0.15f, 0f}, out, TOL);
  }

  @Test
  void infinityStepFollowsTheGradientSign() {
    float[] out = step(NormType.INFINITY, 0.5f, new float[][] {{0.5f, -2f, 0f}},
        AdvNeighborConfig.builder());
    assertArrayEquals(new float[] {0.5f, -0.5f, 0f}, out, TOL);
  }

  @Test
  void nonFiniteGradientEntriesCountAsZero() {
    float[] out = step(NormType.L2, 1f,
        new float[][] {{Float.NaN, 3f, Float.POSITIVE_INFINITY, 4f}}, AdvNeighborConfig.builder());
    assertArrayEquals(new float[] {0f, 0.6f, 0f, 0.8f}, out, TOL);
  }

  @Test
  void featureMaskMultipliesTheGradientFirst() {
    AdvNeighborConfig.Builder masked = AdvNeighborConfig.builder()
        .featureMask(Map.of("x", FeatureConstant.of(new float[] {0f, 1f, 1f}, 3)));
    // Masking happens before normalization: the unmasked entries share the whole step.
    float[] out = step(NormType.L2, 1f, new float[][] {{5f, 3f, 4f}}, masked);
    assertArrayEquals(new float[] {0f, 0.6f, 0.8f}, out, TOL);
  }

  @Test
  void exampleShapedMaskAndJointNormOverRankThreeFeatureOfUnknownBatch() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> image =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2, 2)));
      Placeholder<TFloat32> v = batchOf(tf, 1);
      Operand<TFloat32> loss = tf.math.add(
          tf.reduceSum(tf.math.mul(image, tf.constant(new float[][] {{1f, 5f}, {2f, 2f}})),
              tf.constant(new int[] {0, 1, 2})),
          tf.reduceSum(tf.math.mul(v, tf.constant(4f)), tf.constant(new int[] {0, 1})));
      Output<?>[] grads =
          g.addGradients(loss.asOutput(), new Output<?>[] {image.asOutput(), v.asOutput()});
      Map<String, Operand<?>> features = new LinkedHashMap<>();
      features.put("image", image);
      features.put("v", v);
      AdvNeighborConfig config = AdvNeighborConfig.builder().advStepSize(1f)
          .featureMask(Map.of("image", FeatureConstant.of(new float[] {1f, 0f, 1f, 1f}, 2, 2)))
          .build();
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(
          tf, features, Map.of("image", grads[0], "v", grads[1]), config, null);
      List<float[]> out = new GraphRun(g)
          .feed(image, new float[] {0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f}, 2, 2, 2)
          .feed(v, new float[][] {{0f}, {1f}})
          .fetch(neighbor.features().get("image"), neighbor.features().get("v"),
              neighbor.weight());
      // Masked gradient [1, 0, 2, 2] and 4 for v: joint norm 5.
      assertArrayEquals(
          new float[] {0.2f, 0f, 0.4f, 0.4f, 1.2f, 1f, 1.4f, 1.4f}, out.get(0), TOL);
      assertArrayEquals(new float[] {0.8f, 1.8f}, out.get(1), TOL);
      assertArrayEquals(new float[] {1f, 1f}, out.get(2), 0f);
    }
  }

  @Test
  void epsilonBoundsTheStep() {
    AdvNeighborConfig.Builder bounded = AdvNeighborConfig.builder().pgdEpsilon(0.5f);
    float[] out = step(NormType.L2, 1f, new float[][] {{3f, 4f}}, bounded);
    assertArrayEquals(new float[] {0.3f, 0.4f}, out, TOL);
  }

  /** The perturbation of zero features under the given gradient. */
  private static float[] step(
      NormType norm, float stepSize, float[][] gradient, AdvNeighborConfig.Builder config) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.zerosLike(tf.constant(gradient));
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(tf, Map.of("x", x),
          Map.of("x", tf.constant(gradient)),
          config.advGradNorm(norm).advStepSize(stepSize).build(), null);
      return new GraphRun(g).fetchOne(neighbor.features().get("x"));
    }
  }

  @Test
  void perturbedFeaturesAreClipped() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Map<String, Operand<?>> features = new LinkedHashMap<>();
      features.put("a", tf.constant(new float[][] {{0.995f, 0.005f}}));
      features.put("b", tf.constant(new float[][] {{5f, 5f}}));
      Operand<TFloat32> up = tf.constant(new float[][] {{1f, -1f}});
      AdvNeighborConfig config = AdvNeighborConfig.builder()
          .advGradNorm(NormType.INFINITY).advStepSize(0.01f)
          .clipValueMin(Map.of("a", FeatureConstant.scalar(0f)))
          .clipValueMax(Map.of("a", FeatureConstant.scalar(1f),
              "b", FeatureConstant.of(new float[] {5.005f, 10f}, 2)))
          .build();
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(
          tf, features, Map.of("a", up, "b", up), config, null);
      List<float[]> out = new GraphRun(g)
          .fetch(neighbor.features().get("a"), neighbor.features().get("b"));
      assertArrayEquals(new float[] {1f, 0f}, out.get(0), TOL);
      assertArrayEquals(new float[] {5.005f, 4.99f}, out.get(1), TOL);
    }
  }

  @Test
  void featuresThatCannotBePerturbedPassThroughUnchanged() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TInt32> ids = tf.constant(new int[][] {{7, 8}});
      Operand<TFloat32> unused = tf.constant(new float[][] {{1f}});
      Operand<TFloat32> x = tf.constant(new float[][] {{1f, 1f}});
      Map<String, Operand<?>> features = new LinkedHashMap<>();
      features.put("ids", ids);
      features.put("x", x);
      features.put("unused", unused);
      Map<String, Operand<?>> grads = new LinkedHashMap<>();
      grads.put("x", tf.constant(new float[][] {{1f, -1f}}));
      grads.put("unused", null);
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(tf, features, grads,
          AdvNeighborConfig.builder().advGradNorm(NormType.INFINITY).advStepSize(0.5f).build(),
          null);
      assertEquals(List.of("ids", "x", "unused"), new ArrayList<>(neighbor.features().keySet()));
      assertSame(ids, neighbor.features().get("ids"));
      assertSame(unused, neighbor.features().get("unused"));
      List<float[]> out = new GraphRun(g)
          .fetch(neighbor.features().get("ids"), neighbor.features().get("x"));
      assertArrayEquals(new float[] {7f, 8f}, out.get(0), 0f);
      assertArrayEquals(new float[] {1.5f, 0.5f}, out.get(1), TOL);
    }
  }

  @Test
  void doubleFeaturesArePerturbedInTheirOwnType() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> x = tf.constant(new double[][] {{1.0, 2.0}});
      AdvNeighbor neighbor = AdversarialNeighbors.genAdvNeighbor(tf, Map.of("x", x),
          Map.of("x", tf.constant(new double[][] {{-3.0, 4.0}})),
          AdvNeighborConfig.builder().advStepSize(0.5f).build(), null);
      Operand<?> adv = neighbor.features().get("x");
      assertEquals(TFloat64.class, adv.type());
      assertArrayEquals(new float[] {0.7f, 2.4f}, new GraphRun(g).fetchOne(adv), TOL);
    }
  }

  @Test
  void pgdLossFnIsRequiredForSeveralIterations() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(new float[][] {{1f}});
      AdvNeighborConfig config = AdvNeighborConfig.builder().pgdIterations(2).pgdEpsilon(1f).build();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AdversarialNeighbors.genAdvNeighbor(tf, Map.of("x", x), Map.of("x", x), config,
              null));
      assertTrue(e.getMessage().contains("pgdLossFn"), e.getMessage());
    }
  }
}
