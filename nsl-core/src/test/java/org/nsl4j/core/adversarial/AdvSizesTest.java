package org.nsl4j.core.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.NormType;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Step size and radius fed as tensors give exactly what the config's constants give. */
class AdvSizesTest {

  private static final float[][] X = {{-1f, 1f, 0.5f}, {0.2f, -0.3f, 2f}};
  private static final float[][] W = {{3f}, {4f}, {-2f}};

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Operand<?> operand) {
    return (Operand<TFloat32>) operand;
  }

  private static Operand<TFloat32> loss(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> y = tf.linalg.matMul(x, tf.constant(W));
    return tf.math.mean(tf.math.mul(y, tf.math.sin(y)), tf.constant(new int[] {0, 1}));
  }

  @ParameterizedTest
  @EnumSource(NormType.class)
  void fedSizesGiveTheConstantsResultsBitForBit(NormType norm) {
    AdvNeighborConfig config = AdvNeighborConfig.builder().advGradNorm(norm)
        .advStepSize(0.07f).pgdIterations(3).pgdEpsilon(0.15f).build();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      Output<?> grad = g.addGradients(loss(tf, x).asOutput(), new Output<?>[] {x.asOutput()})[0];
      Operand<?> constant = AdversarialNeighbors.genAdvNeighbor(tf, Map.of("x", x),
          Map.of("x", grad), config, f -> loss(tf, floats(f.get("x")))).features().get("x");
      AdvSizes fed = AdvSizes.placeholders(tf, config);
      Operand<?> viaFeeds = AdversarialNeighbors.genAdvNeighbor(tf, Map.of("x", x),
          Map.of("x", grad), config, f -> loss(tf, floats(f.get("x"))), fed).features().get("x");
      List<float[]> out = new GraphRun(g).feed(x, X)
          .feed(fed.stepSize(), new float[] {0.07f})
          .feed(fed.pgdEpsilon(), new float[] {0.15f})
          .fetch(constant, viaFeeds);
      assertArrayEquals(out.get(0), out.get(1), 0f);
      org.junit.jupiter.api.Assertions.assertTrue(maxMove(out.get(1)) > 0.05f,
          "the attack moved the features in " + norm);
    }
  }

  /** The largest move of one entry from X. */
  private static float maxMove(float[] neighbor) {
    float max = 0;
    for (int i = 0; i < neighbor.length; i++) {
      max = Math.max(max, Math.abs(neighbor[i] - X[i / 3][i % 3]));
    }
    return max;
  }

  @Test
  void aRadiusTensorMustMatchTheConfig() {
    AdvNeighborConfig unprojected = AdvNeighborConfig.builder().advStepSize(0.1f).build();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      AdvSizes withRadius = new AdvSizes(tf.constant(0.1f), tf.constant(0.2f));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AdversarialNeighbors.genAdvNeighbor(tf, Map.of("x", x), Map.of("x", x),
              unprojected, null, withRadius));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("pgdEpsilon"),
          e.getMessage());
    }
  }
}
