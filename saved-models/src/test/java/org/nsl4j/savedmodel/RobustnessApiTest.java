package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Mnist;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.datasets.MnistOptions;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.AutoProjectedGradientDescent;
import org.nsl4j.keras.robustness.Classifier;
import org.nsl4j.keras.robustness.ClipValues;
import org.nsl4j.keras.robustness.Evaluation;
import org.nsl4j.keras.robustness.FastGradientMethod;
import org.nsl4j.keras.robustness.ModelClassifier;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.keras.robustness.ProjectedGradientDescent;
import org.nsl4j.keras.robustness.Robustness;
import org.nsl4j.keras.robustness.SquareAttack;
import org.nsl4j.keras.robustness.WorstCaseAttack;
import org.nsl4j.keras.testing.SharedFixtures;

/** The robustness API on real Python models, as its package documentation shows it. */
class RobustnessApiTest {

  @Test
  void theJavadocExampleRuns(@TempDir Path home) throws Exception {
    Path h5 = SharedFixtures.h5();
    PrintStream saved = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      // As in the package documentation (a temporary home keeps ~/.keras out; fewer digits).
      MnistData mnist = Mnist.load(MnistOptions.defaults().home(home).testLimit(100));
      Dataset test = Dataset.fromTensorSlices(mnist.test()).batch(100)
          .map(Dataset.toTuple("image", "label"));
      try (Model model = KerasModelLoader.load(h5)) {
        Classifier classifier = ModelClassifier.builder(model).clipValues(0, 1).build();
        Attack pgd = ProjectedGradientDescent.builder()
            .eps(0.2f).epsStep(0.02f).maxIter(20).numRandomInit(2).build();
        Attack worst = WorstCaseAttack.of(FastGradientMethod.fgsm(0.2f), pgd,
            AutoProjectedGradientDescent.builder().eps(0.2f).maxIter(20).build());
        System.out.printf("accuracy under PGD-20: %.4f%n",
            Robustness.adversarialAccuracy(classifier, pgd, test));
        System.out.printf("accuracy under the worst case: %.4f%n",
            Robustness.adversarialAccuracy(classifier, worst, test));
      }
    } finally {
      System.setOut(saved);
    }
    String out = printed.toString(StandardCharsets.UTF_8);
    double pgd = Double.parseDouble(out.replaceAll("(?s).*PGD-20: ([0-9.]+).*", "$1"));
    double worst = Double.parseDouble(out.replaceAll("(?s).*worst case: ([0-9.]+).*", "$1"));
    assertTrue(pgd < 0.5, "the undefended CNN keeps " + pgd + " under PGD-20 at 0.2:\n" + out);
    assertTrue(worst <= pgd, out);
  }

  @Test
  void squareLowersASignaturesAccuracyWithoutGradients() {
    FeatureArray x = Shared.digits(100);
    long[] y = Arrays.stream(Shared.labels(100)).asLongStream().toArray();
    try (LoadedModel loaded = LoadedModel.load(
        SharedFixtures.savedModel("mnist_cnn_tf2_19_keras3"))) {
      SignatureClassifier target = SignatureClassifier.select(loaded, null,
          new long[] {28, 28, 1}, ClipValues.UNIT, Preprocessing.NONE, 100);
      assertTrue(!target.hasGradients());
      Evaluation e = Robustness.evaluate(target,
          SquareAttack.builder().eps(0.2f).maxIter(300).seed(1).build(), x, y, false);
      assertTrue(e.cleanAccuracy() > 0.9, "clean " + e.cleanAccuracy());
      assertTrue(e.adversarialAccuracy() < 0.5, "Square: " + e.adversarialAccuracy());
      IllegalArgumentException noGradients = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class,
          () -> FastGradientMethod.fgsm(0.2f).generate(target, x, y));
      assertTrue(noGradients.getMessage().contains("SquareAttack"), noGradients.getMessage());
    }
  }
}
