package org.nsl4j.keras.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nsl4j.core.configs.NormType;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;

/** Attacks on a linear classifier, against values computed by hand. */
class AttackGoldenTest {

  private static final float[][] X = {{0.2f, 0.8f, 0.5f, 0.1f}, {0.9f, 0.1f, 0.4f, 0.6f},
      {0.5f, 0.5f, 0.5f, 0.5f}};
  private static final long[] Y = {2, 0, 0};

  private static FeatureArray inputs() {
    float[] flat = new float[12];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(X[i], 0, flat, i * 4, 4);
    }
    return FeatureArray.ofFloats(flat, 3, 4);
  }

  @Test
  void fgsmStepsEpsAlongTheGradientSignAndClips() {
    float eps = 0.3f;
    try (Model model = LinearModels.linear()) {
      Classifier c = ModelClassifier.of(model);
      float[] adv = FastGradientMethod.fgsm(eps).generate(c, inputs(), Y).adversarial().floats();
      for (int i = 0; i < 3; i++) {
        float[] g = LinearModels.crossEntropyGradient(X[i], (int) Y[i]);
        float[] expected = new float[4];
        for (int j = 0; j < 4; j++) {
          expected[j] = Math.min(1f, Math.max(0f, X[i][j] + eps * Math.signum(g[j])));
        }
        float[] actual = java.util.Arrays.copyOfRange(adv, i * 4, i * 4 + 4);
        // An example the model already misclassifies is returned as it is.
        boolean wrong = argmax(LinearModels.logits(X[i])) != Y[i];
        assertArrayEquals(wrong ? X[i] : expected, actual, 1e-6f, "example " + i);
      }
    }
  }

  @Test
  void fgmL2StepsEpsAlongTheNormalizedGradient() {
    float eps = 0.1f;
    try (Model model = LinearModels.linear()) {
      Classifier c = ModelClassifier.of(model);
      Attack fgm = FastGradientMethod.builder().eps(eps).norm(NormType.L2).build();
      float[] adv = fgm.generate(c, inputs(), Y).adversarial().floats();
      float[] g = LinearModels.crossEntropyGradient(X[2], 0);
      double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2] + g[3] * g[3]);
      for (int j = 0; j < 4; j++) {
        assertEquals(X[2][j] + eps * g[j] / norm, adv[8 + j], 1e-5, "entry " + j);
      }
    }
  }

  @Test
  void preprocessingIsInsideTheClassifier() {
    // The network sees 2x - 1; the attack perturbs x and its gradient includes the factor 2.
    try (Model model = LinearModels.linear()) {
      Classifier c = ModelClassifier.builder(model).preprocessing(2f, -1f).build();
      float[] scores = c.logits(inputs()).floats();
      float[] mapped = new float[4];
      for (int j = 0; j < 4; j++) {
        mapped[j] = 2 * X[1][j] - 1;
      }
      assertArrayEquals(LinearModels.logits(mapped), java.util.Arrays.copyOfRange(scores, 3, 6),
          1e-5f);
    }
  }

  @Test
  void everyPgdIterateLiesInTheBallAndTheBox() {
    for (NormType norm : NormType.values()) {
      List<float[]> iterates = new ArrayList<>();
      float eps = norm == NormType.INFINITY ? 0.25f : 0.6f;
      try (Model model = LinearModels.linear()) {
        Classifier c = ModelClassifier.of(model);
        ProjectedGradientDescent pgd = ProjectedGradientDescent.builder().eps(eps).norm(norm)
            .epsStep(eps / 2).maxIter(6).numRandomInit(2).build();
        // A step of ε/2 six times would leave the ball without projection.
        pgd.generate(c, inputs(), Y, null, null, iterates::add);
        assertIteratesInside(iterates, eps, norm);
      }
    }
  }

  @Test
  void targetedPgdReachesItsTargets() {
    try (Model model = LinearModels.linear()) {
      Classifier c = ModelClassifier.of(model);
      long[] targets = {0, 1, 2};  // reachable in the box: checked by hand
      AttackOutcome o = ProjectedGradientDescent.builder().eps(1f).maxIter(20).targeted(true)
          .build().generate(c, inputs(), Y, targets);
      assertArrayEquals(targets, o.predictions());
      assertEquals(1.0, o.successRate());
    }
  }

  @Test
  void badInputsAreRejectedBeforeAnythingRuns() {
    assertRejected(() -> FastGradientMethod.builder().eps(-0.1f).build(), "eps", "-0.1");
    assertRejected(() -> FastGradientMethod.builder().eps(Float.NaN).build(), "eps", "NaN");
    assertRejected(() -> ProjectedGradientDescent.builder().eps(0f).build(), "eps", "0.0");
    assertRejected(() -> ProjectedGradientDescent.builder().epsStep(-1f).build(), "epsStep");
    assertRejected(() -> ProjectedGradientDescent.builder().maxIter(0).build(), "maxIter", "0");
    assertRejected(() -> AutoProjectedGradientDescent.builder().norm(NormType.L1).build(),
        "norm", "l1");
    assertRejected(() -> SquareAttack.builder().maxIter(0).build(), "maxIter", "0");
    assertRejected(() -> SquareAttack.builder().pInit(1.5f).build(), "pInit", "1.5");
    try (Model model = LinearModels.linear()) {
      Classifier c = ModelClassifier.of(model);
      Attack fgsm = FastGradientMethod.fgsm(0.1f);
      assertRejected(() -> fgsm.generate(c, inputs(), new long[] {0, 3, 1}), "labels", "[0, 3)",
          "3");
      FeatureArray bytes = FeatureArray.ofFloats(new float[] {0, 255, 0, 0}, 1, 4);
      assertRejected(() -> fgsm.generate(c, bytes, new long[] {0}), "clip range", "255.0");
      assertRejected(() -> fgsm.generate(c, FeatureArray.ofFloats(new float[5], 1, 5),
          new long[] {0}), "[4]", "[1, 5]");
      assertRejected(() -> AutoProjectedGradientDescent.builder().loss(AttackLoss.DLR).targeted(true)
          .build().generate(c, inputs(), Y, Y), "dlr", "4 classes");
      Classifier noGradients = new ScoresOnly(c);
      assertRejected(() -> fgsm.generate(noGradients, inputs(), Y), "fgsm", "gradients",
          "SquareAttack");
    }
  }

  static void assertIteratesInside(List<float[]> iterates, float eps, NormType norm) {
    assertTrue(iterates.size() > 6, "only " + iterates.size() + " iterates seen");
    for (float[] it : iterates) {
      int rows = it.length / 4;
      for (int r = 0; r < rows; r++) {
        int example = findExample(it, r, eps, norm);
        assertTrue(example >= 0, "iterate row " + r + " is in no example's ball");
      }
      for (float v : it) {
        assertTrue(v >= 0f && v <= 1f, "left the box: " + v);
      }
    }
  }

  /** The example whose ball holds row {@code r} of {@code it} (subsets change row order). */
  private static int findExample(float[] it, int r, float eps, NormType norm) {
    for (int i = 0; i < X.length; i++) {
      float[] d = new float[4];
      for (int j = 0; j < 4; j++) {
        d[j] = it[r * 4 + j] - X[i][j];
      }
      if (Norms.of(d, norm) <= eps * (1 + 1e-5f)) {
        return i;
      }
    }
    return -1;
  }

  private static int argmax(float[] z) {
    int best = 0;
    for (int c = 1; c < z.length; c++) {
      best = z[c] > z[best] ? c : best;
    }
    return best;
  }

  private static void assertRejected(Executable e, String... fragments) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    for (String f : fragments) {
      assertTrue(x.getMessage().contains(f), "'" + x.getMessage() + "' lacks '" + f + "'");
    }
  }

  /** A classifier's scores without its gradients. */
  record ScoresOnly(Classifier inner) implements Classifier {
    @Override
    public long[] inputShape() {
      return inner.inputShape();
    }

    @Override
    public int numClasses() {
      return inner.numClasses();
    }

    @Override
    public ClipValues clipValues() {
      return inner.clipValues();
    }

    @Override
    public Preprocessing preprocessing() {
      return inner.preprocessing();
    }

    @Override
    public FeatureArray logits(FeatureArray x) {
      return inner.logits(x);
    }
  }
}
