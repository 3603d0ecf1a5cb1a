package org.nsl4j.keras.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.core.configs.NormType;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Mnist;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.datasets.MnistOptions;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.optimizers.Adam;
import org.nsl4j.keras.losses.Losses;

/** Attacks on a small CNN trained on a few hundred real digits (fixed seeds). */
class TrainedAttacksTest {

  private static final int TEST_DIGITS = 200;
  private static Model model;
  private static ModelClassifier classifier;
  private static FeatureArray x;
  private static long[] y;

  @BeforeAll
  static void train(@TempDir Path home) throws Exception {
    MnistData data = Mnist.load(MnistOptions.defaults().home(home).trainLimit(1500)
        .testLimit(TEST_DIGITS));
    model = new Sequential(new InputLayer("image", 28, 28, 1), new Conv2D(8, 3, "relu"),
        new MaxPooling2D(2), new Flatten(), new Dense(32, "relu"), new Dense(10)).seed(7);
    model.compile(new Adam(0.003f), Losses.sparseCategoricalCrossentropy(true), "accuracy");
    model.fit(Dataset.fromTensorSlices(data.train()).shuffle(1500, 7).batch(32)
        .map(Dataset.toTuple("image", "label")), 3);
    classifier = ModelClassifier.of(model);
    x = data.test().get("image");
    y = data.test().get("label").longs();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static double accuracy(Attack attack) {
    return Robustness.evaluate(classifier, attack, x, y, false).adversarialAccuracy();
  }

  private static ProjectedGradientDescent.Builder pgd(float eps) {
    return ProjectedGradientDescent.builder().eps(eps).seed(3);
  }

  @Test
  void theModelLearnedAndAttacksLowerItsAccuracy() {
    double clean = accuracy(FastGradientMethod.fgsm(1e-6f));
    double fgsm = accuracy(FastGradientMethod.fgsm(0.15f));
    double pgd = accuracy(pgd(0.15f).maxIter(10).build());
    assertTrue(clean > 0.85, "clean accuracy " + clean);
    assertTrue(fgsm < clean - 0.1, "FGSM " + fgsm + " vs clean " + clean);
    assertTrue(pgd <= fgsm, "PGD-10 " + pgd + " vs FGSM " + fgsm);
  }

  @Test
  void restartsNeverIncreaseAccuracy() {
    double previous = 1;
    for (int restarts = 1; restarts <= 3; restarts++) {
      double acc = accuracy(pgd(0.1f).maxIter(5).numRandomInit(restarts).build());
      assertTrue(acc <= previous, restarts + " restarts: " + acc + " > " + previous);
      previous = acc;
    }
  }

  @Test
  void apgdCeIsAtLeastAsStrongAsPgd10() {
    double pgd10 = accuracy(pgd(0.1f).maxIter(10).build());
    double apgd = accuracy(AutoProjectedGradientDescent.builder().eps(0.1f).maxIter(20)
        .seed(3).build());
    assertTrue(apgd <= pgd10, "APGD-CE " + apgd + " > PGD-10 " + pgd10);
  }

  @Test
  void everyApgdIterateLiesInTheBallAndTheBox() {
    for (NormType norm : List.of(NormType.INFINITY, NormType.L2)) {
      float eps = norm == NormType.INFINITY ? 0.1f : 1.5f;
      List<float[]> iterates = new ArrayList<>();
      FeatureArray few = x.rows(0, 20);
      long[] labels = Arrays.copyOf(y, 20);
      for (AttackLoss loss : AttackLoss.values()) {
        AutoProjectedGradientDescent.builder().eps(eps).norm(norm).loss(loss).maxIter(12)
            .build().generate(classifier, few, labels, null, null, iterates::add);
      }
      assertTrue(iterates.size() >= 2 * 12, iterates.size() + " iterates");
      float[] original = few.floats();
      for (float[] it : iterates) {
        for (float v : it) {
          assertTrue(v >= 0 && v <= 1, "outside the box: " + v);
        }
        // Runs of the full batch keep example order; restarts of subsets are checked by PGD's test.
        if (it.length == original.length) {
          for (int i = 0; i < 20; i++) {
            float[] d = new float[784];
            for (int j = 0; j < 784; j++) {
              d[j] = it[i * 784 + j] - original[i * 784 + j];
            }
            assertTrue(Norms.of(d, norm) <= eps * (1 + 1e-4f), norm + " norm "
                + Norms.of(d, norm) + " > " + eps);
          }
        }
      }
    }
  }

  @Test
  void theWorstCaseIsNeverWeakerThanItsMembers() {
    List<Attack> members = List.of(FastGradientMethod.fgsm(0.1f), pgd(0.1f).maxIter(5).build(),
        AutoProjectedGradientDescent.builder().eps(0.1f).maxIter(10).loss(AttackLoss.DLR)
            .build());
    Evaluation worst = Robustness.evaluate(classifier, WorstCaseAttack.of(members), x, y, false);
    for (Attack a : members) {
      Evaluation alone = Robustness.evaluate(classifier, a, x, y, false);
      for (int i = 0; i < y.length; i++) {
        assertTrue(!worst.examples().get(i).adversarialCorrect()
            || alone.examples().get(i).adversarialCorrect(),
            "example " + i + " resists the worst case but not " + a.name());
      }
    }
  }

  @Test
  void targetedAttacksHitTheirTargets() {
    long[] targets = new long[40];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = (y[i] + 1) % 10;
    }
    FeatureArray few = x.rows(0, 40);
    long[] labels = Arrays.copyOf(y, 40);
    AttackOutcome pgdOut = pgd(0.3f).maxIter(20).targeted(true).build()
        .generate(classifier, few, labels, targets);
    AttackOutcome apgdOut = AutoProjectedGradientDescent.builder().eps(0.3f).targeted(true)
        .maxIter(20).build().generate(classifier, few, labels, targets);
    for (AttackOutcome o : List.of(pgdOut, apgdOut)) {
      assertTrue(o.successRate() >= 0.75, "targets hit: " + o.successRate());
      for (int i = 0; i < targets.length; i++) {
        assertEquals(o.success()[i], o.predictions()[i] == targets[i]);
      }
    }
  }

  @Test
  void squareLowersAccuracyWithoutGradients() {
    Classifier scoresOnly = new AttackGoldenTest.ScoresOnly(classifier);
    FeatureArray few = x.rows(0, 60);
    long[] labels = Arrays.copyOf(y, 60);
    Evaluation square = Robustness.evaluate(scoresOnly,
        SquareAttack.builder().eps(0.2f).maxIter(200).seed(1).build(), few, labels, true);
    assertTrue(square.adversarialAccuracy() < square.cleanAccuracy() - 0.3,
        "Square: " + square.adversarialAccuracy() + " vs clean " + square.cleanAccuracy());
    float[] original = few.floats();
    for (ExampleResult r : square.examples()) {
      float[] adv = r.adversarial().floats();
      for (int j = 0; j < adv.length; j++) {
        float d = Math.abs(adv[j] - original[r.index() * 784 + j]);
        assertTrue(d <= 0.2f + 1e-6f && adv[j] >= 0 && adv[j] <= 1, "entry " + j + ": " + adv[j]);
      }
    }
  }

  @Test
  void anEpsSweepReusesOneGraph() {
    Map<String, Attack> attacks = new LinkedHashMap<>();
    attacks.put("FGSM", FastGradientMethod.fgsm(0.1f));
    attacks.put("PGD-3", pgd(0.1f).maxIter(3).numRandomInit(1).build());
    FeatureArray few = x.rows(0, 50);
    long[] labels = Arrays.copyOf(y, 50);
    double[] eps = {0, 0.05, 0.1};
    RobustnessCurve first = Robustness.robustnessCurve(classifier, attacks, eps, few, labels,
        true, null);
    long ops = countOps();
    RobustnessCurve second = Robustness.robustnessCurve(classifier, attacks,
        new double[] {0.02, 0.15, 0.2, 0.25}, few, labels, true, null);
    assertEquals(ops, countOps(), "the second sweep added graph ops");
    assertEquals(List.of("FGSM", "PGD-3", RobustnessCurve.WORST_CASE), first.names());
    for (int p = 0; p < eps.length; p++) {
      assertTrue(first.accuracy().get("worst-case")[p] <= first.accuracy().get("FGSM")[p]);
      assertTrue(first.accuracy().get("worst-case")[p] <= first.accuracy().get("PGD-3")[p]);
    }
    assertTrue(second.at("PGD-3", 0.25) <= second.at("PGD-3", 0.02));
  }

  @Test
  void theMinimalEpsFoolsEachExampleItIsFoundFor() {
    FeatureArray few = x.rows(0, 30);
    long[] labels = Arrays.copyOf(y, 30);
    Attack fgsm = FastGradientMethod.fgsm(0.1f);
    float[] minimal = Robustness.minimalEps(classifier, fgsm, few, labels, 0.5f, 8);
    boolean[] fooled = fgsm.generate(classifier, few, labels, null, minimal.clone(), null)
        .success();
    int found = 0;
    for (int i = 0; i < minimal.length; i++) {
      if (minimal[i] > 0 && Float.isFinite(minimal[i])) {
        found++;
        assertTrue(fooled[i], "example " + i + " is not fooled at its minimal eps " + minimal[i]);
      }
    }
    assertTrue(found > 15, found + " minimal eps found");
  }

  private static long countOps() {
    long n = 0;
    var it = model.backend().graph().operations();
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  @Test
  void attackingThePartsGivesEveryExampleTheResultOfTheWhole() {
    List<Attack> attacks = List.of(pgd(0.1f).maxIter(5).numRandomInit(2).batchSize(64).build(),
        SquareAttack.builder().eps(0.1f).maxIter(30).numRestarts(2).seed(5).batchSize(64)
            .build());
    for (Attack attack : attacks) {
      AttackOutcome whole = attack.generate(classifier, x, y);
      int[] cuts = {0, 37, 38, 131, TEST_DIGITS};
      for (int p = 0; p + 1 < cuts.length; p++) {
        int from = cuts[p];
        int to = cuts[p + 1];
        long[] ids = new long[to - from];
        Arrays.setAll(ids, i -> from + i);
        AttackOutcome part = attack.generate(classifier, x.rows(from, to),
            Arrays.copyOfRange(y, from, to), null, ids);
        float[] expected = whole.adversarial().rows(from, to).floats();
        float[] actual = part.adversarial().floats();
        int same = 0;
        for (int j = 0; j < to - from; j++) {
          boolean rowSame = Arrays.equals(
              Arrays.copyOfRange(expected, j * 784, (j + 1) * 784),
              Arrays.copyOfRange(actual, j * 784, (j + 1) * 784));
          same += rowSame ? 1 : 0;
          assertEquals(whole.predictions()[from + j], part.predictions()[j],
              attack.name() + " example " + (from + j));
        }
        assertEquals(to - from, same, attack.name() + ": identical adversarial examples in part "
            + from + ".." + to);
      }
    }
  }
}
