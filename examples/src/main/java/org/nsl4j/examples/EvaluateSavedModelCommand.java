package org.nsl4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.ClipValues;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.keras.robustness.ProjectedGradientDescent;
import org.nsl4j.keras.robustness.Robustness;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SignatureClassifier;
import org.nsl4j.savedmodel.TensorSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures a SavedModel's robustness: its accuracy through its own signature on the test digits,
 * clean and under one of the library's attacks. White-box when the SavedModel's Keras network can
 * be rebuilt and agrees with the signature; else transferred from {@code --surrogate}, or, without
 * one, the Square attack on the signature itself (black-box, scores only). Writes {@code
 * report.json} and {@code perturbed_examples.png} to {@code --out}.
 */
@Command(name = "evaluate-savedmodel", mixinStandardHelpOptions = true,
    description = {
        "Accuracy of a SavedModel on the MNIST test digits, clean and under an L\u221E attack"
            + " (FGSM, PGD, APGD-CE, Square or their worst case), called through its own"
            + " signature.",
        "White-box when the model's Keras network can be rebuilt with its weights (and agrees"
            + " with the signature); else transferred from --surrogate, or without one the"
            + " Square attack on the signature itself (black-box).",
        "Writes report.json and perturbed_examples.png to --out."})
final class EvaluateSavedModelCommand implements Callable<Integer> {

  /** Digits shown in the picture. */
  static final int GRID_DIGITS = 32;

  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "The SavedModel directory.")
  Path model;

  @Option(names = "--signature", paramLabel = "NAME",
      description = "Signature to call (default: serving_default, else the first predict"
          + " signature that takes the images).")
  String signature;

  @Option(names = "--preprocess", paramLabel = "MODE",
      description = "What the model takes: scale (pixels in [0, 1]) or scale-center (2x - 1, in"
          + " [-1, 1]). Attacks work on pixels in [0, 1]; this comes after (default:"
          + " ${DEFAULT-VALUE}).")
  String preprocess = PreprocessOption.SCALE.key();

  @Mixin DataOptions dataOptions = new DataOptions();
  @Mixin AttackOptions attackOptions = new AttackOptions();

  @Option(names = "--surrogate", paramLabel = "DIR",
      description = "For a model that cannot be attacked white-box: a Keras SavedModel or .h5"
          + " file to transfer the gradient attack from (same --preprocess). Without it such a"
          + " model is attacked by Square on its signature (black-box).")
  Path surrogate;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Digits per attack batch and signature call (default: ${DEFAULT-VALUE}).")
  int batchSize = 500;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("nsl-evaluate-out");

  private final Map<String, Double> wallSeconds = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Preprocessing preprocessing = PreprocessOption.parse("--preprocess", preprocess)
        .preprocessing();
    TrainingParams.positive("--batch-size", batchSize);
    Attack attack = attackOptions.build(batchSize);
    requireReadable("--model", model);
    if (surrogate != null) {
      requireReadable("--surrogate", surrogate);
    }
    try (LoadedModel loaded = LoadedModel.load(model)) {
      MnistData data = dataOptions.load();
      SignatureClassifier target = SignatureClassifier.select(loaded, signature,
          exampleShape(data), ClipValues.UNIT, preprocessing, batchSize);
      Reports.checkWritable(out);
      lap("load", start);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("model", model.toString());
      report.put("signature", target.signature().key());
      report.put("signature_input", describe(target.signature().inputs()));
      report.put("signature_output", describe(target.signature().outputs()));
      report.put("preprocess", preprocess);
      report.put("data", DataOptions.describe(data));
      report.put("batch_size", batchSize);
      System.out.println("data: " + data.source());
      System.out.println("model: " + model + ", signature " + target.signature().key() + " ("
          + describe(target.signature().inputs()) + " \u2192 "
          + describe(target.signature().outputs()) + "), preprocess " + preprocess);
      if (attack == null) {
        report.put("attack", "none");
        evaluate(report, target, null, data, start);
        return 0;
      }
      long t = System.nanoTime();
      try (AttackPlan plan = AttackPlan.choose(loaded, target, preprocessing, data, attack,
          attackOptions, surrogate, batchSize)) {
        lap("attack_setup", t);
        System.out.printf("mode: %s, because %s%n", plan.mode(), plan.reason());
        report.put("attack", plan.attack().name());
        if (!plan.attack().name().equals(attack.name())) {
          report.put("requested_attack", attack.name());
        }
        report.put("eps", attackOptions.eps);
        if (plan.attack() instanceof ProjectedGradientDescent pgd) {
          report.put("pgd_iterations", pgd.maxIter());
        }
        report.put("attack_params", plan.attack().params());
        report.put("clip_values", List.of(0.0, 1.0));
        report.put("clip", plan.attack().params().getOrDefault("clip", "every step"));
        report.put("mode", plan.mode());
        report.put("mode_reason", plan.reason());
        report.putAll(plan.details());
        evaluate(report, target, plan, data, start);
      }
    }
    return 0;
  }

  /** Scores the signature, clean and attacked, prints the table and writes both files. */
  private void evaluate(Map<String, Object> report, SignatureClassifier target, AttackPlan plan,
      MnistData data, long start) throws Exception {
    long t = System.nanoTime();
    FeatureArray x = data.test().get(HParams.IMAGE_KEY);
    long[] y = data.test().get(HParams.LABEL_KEY).longs();
    System.out.printf(Locale.ROOT, "%nEvaluating on %,d test digits%s%n", y.length,
        plan == null ? " (no attack: --attack none)" : ", " + plan.mode() + " "
            + plan.attack().name() + " " + plan.attack().params());
    long[] clean = Robustness.predictions(target, x);
    FeatureArray shown = x;
    long[] attacked = null;
    if (plan != null) {
      shown = plan.perturb(x, y);
      attacked = Robustness.predictions(target, shown);
    }
    lap("evaluation", t);
    double cleanAccuracy = Predictions.correct(clean, y) / (double) y.length;
    Double perturbed = attacked == null ? null : Predictions.correct(attacked, y) / (double) y.length;
    System.out.printf(Locale.ROOT, "%n%-17s%-12s%s%n", "signature", "clean acc", "perturbed acc");
    System.out.printf(Locale.ROOT, "%-17s%-12.4f%s%n", target.signature().key(), cleanAccuracy,
        perturbed == null ? "- (no attack)"
            : String.format(Locale.ROOT, "%.4f (%s)", perturbed, plan.mode()));
    report.put("clean_accuracy", cleanAccuracy);
    report.put("perturbed_accuracy", perturbed);
    writeGrid(shown, y, clean, attacked, plan);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("report", Reports.FILE_NAME);
    files.put("perturbed_examples", PerturbedExamplesGrid.FILE_NAME);
    report.put("outputs", files);
    lap("total", start);
    report.put("wall_seconds", wallSeconds);
    Reports.write(out.resolve(Reports.FILE_NAME), report);
    System.out.printf(Locale.ROOT, "%nwrote %s and %s to %s in %.1f s%n", Reports.FILE_NAME,
        PerturbedExamplesGrid.FILE_NAME, out, wallSeconds.get("total"));
  }

  private void writeGrid(FeatureArray images, long[] y, long[] clean, long[] attacked,
      AttackPlan plan) throws Exception {
    int n = Math.min(GRID_DIGITS, y.length);
    long[] labels = Arrays.copyOf(y, n);
    Map<String, long[]> captions = new LinkedHashMap<>();
    captions.put("clean", Arrays.copyOf(clean, n));
    String title;
    if (plan == null) {
      title = String.format(Locale.ROOT, "Test digits (correct: %d / %d)",
          Predictions.correct(captions.get("clean"), labels), n);
    } else {
      captions.put("adv", Arrays.copyOf(attacked, n));
      title = String.format(Locale.ROOT, "Perturbed test digits, %s %s \u03B5 = %s (correct:"
              + " clean %d / %d, adv %d / %d)", plan.mode(), plan.attack().name(),
          attackOptions.eps, Predictions.correct(captions.get("clean"), labels), n,
          Predictions.correct(captions.get("adv"), labels), n);
    }
    PerturbedExamplesGrid.write(out.resolve(PerturbedExamplesGrid.FILE_NAME), title,
        images.rows(0, n), labels, captions);
  }

  static void requireReadable(String flag, Path path) {
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(flag + " " + path + " does not exist or is not readable");
    }
  }

  private static long[] exampleShape(MnistData data) {
    long[] shape = data.test().get(HParams.IMAGE_KEY).shape();
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  private static String describe(Map<String, TensorSpec> specs) {
    return specs.values().stream().map(s -> s.key() + " " + s.describe())
        .reduce((a, b) -> a + ", " + b).orElse("");
  }

  private void lap(String stage, long startNanos) {
    wallSeconds.put(stage, (System.nanoTime() - startNanos) / 1e9);
  }
}
