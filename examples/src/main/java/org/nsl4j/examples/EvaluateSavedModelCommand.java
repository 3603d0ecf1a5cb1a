package org.nsl4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.TensorSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures a SavedModel's robustness: its accuracy through its own signature on the test digits,
 * clean and perturbed by an L∞ FGSM or PGD attack. The attack is white-box when the SavedModel's
 * Keras network can be rebuilt (and agrees with the signature), else transferred from a surrogate
 * (see {@link AttackSource}). Writes {@code report.json} and {@code perturbed_examples.png} to
 * {@code --out}.
 */
@Command(name = "evaluate-savedmodel", mixinStandardHelpOptions = true,
    description = {
        "Accuracy of a SavedModel on the MNIST test digits, clean and under an L\u221E FGSM or PGD"
            + " attack, called through its own signature.",
        "The attack is white-box when the model's Keras network can be rebuilt with its weights"
            + " (and agrees with the signature), else transferred from a surrogate: --surrogate,"
            + " or the tutorial's base model trained here.",
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
  String preprocess = Preprocessing.SCALE.key();

  @Mixin DataOptions dataOptions = new DataOptions();

  @Option(names = "--attack", paramLabel = "ATTACK",
      description = "fgsm, pgd or none (default: ${DEFAULT-VALUE}).")
  String attack = "fgsm";

  @Option(names = "--eps", paramLabel = "E",
      description = "L\u221E radius of the attack in pixels, in (0, 1] (default:"
          + " ${DEFAULT-VALUE}).")
  double eps = 0.2;

  @Option(names = "--pgd-iterations", paramLabel = "N",
      description = "Steps of the PGD attack, each " + LinfAttack.PGD_STEP_FACTOR + "\u00B7eps/N"
          + " (default: ${DEFAULT-VALUE}).")
  int pgdIterations = 10;

  @Option(names = "--surrogate", paramLabel = "DIR",
      description = "For a model that cannot be attacked white-box: a Keras SavedModel or .h5"
          + " file to transfer the attack from (same --preprocess). Default: the tutorial's base"
          + " model, trained on the training digits.")
  Path surrogate;

  @Option(names = "--surrogate-epochs", paramLabel = "N",
      description = "Training epochs of the default surrogate (default: ${DEFAULT-VALUE}).")
  int surrogateEpochs = 5;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Digits per attack step and signature call (default: ${DEFAULT-VALUE}).")
  int batchSize = 128;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("nsl-evaluate-out");

  private final Map<String, Double> wallSeconds = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Preprocessing preprocessing = Preprocessing.parse("--preprocess", preprocess);
    LinfAttack linf = attack();
    TrainingParams.positive("--batch-size", batchSize);
    TrainingParams.positive("--surrogate-epochs", surrogateEpochs);
    requireReadable("--model", model);
    if (surrogate != null) {
      requireReadable("--surrogate", surrogate);
    }
    try (LoadedModel loaded = LoadedModel.load(model)) {
      MnistData data = dataOptions.load();
      long[] imageShape = exampleShape(data);
      SignatureClassifier target =
          SignatureClassifier.select(loaded, signature, imageShape, preprocessing, batchSize);
      Reports.checkWritable(out);
      lap("load", start);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("model", model.toString());
      report.put("signature", target.signature().key());
      report.put("signature_input", describe(target.signature().inputs()));
      report.put("signature_output", describe(target.signature().outputs()));
      report.put("preprocess", preprocessing.key());
      report.put("data", DataOptions.describe(data));
      report.put("batch_size", batchSize);
      System.out.println("data: " + data.source());
      System.out.println("model: " + model + ", signature " + target.signature().key() + " ("
          + describe(target.signature().inputs()) + " \u2192 "
          + describe(target.signature().outputs()) + "), preprocess " + preprocessing.key());
      if (linf == null) {
        report.put("attack", "none");
        evaluate(report, target, null, null, data, start);
        return 0;
      }
      report.put("attack", linf.kind().key());
      report.put("eps", linf.eps());
      report.put("pgd_iterations", linf.kind() == LinfAttack.Kind.PGD ? linf.iterations() : null);
      report.put("attack_description", linf.describe());
      long t = System.nanoTime();
      try (AttackSource source = AttackSource.choose(loaded, target, preprocessing, data,
          new AttackSource.Surrogate(surrogate, surrogateEpochs), System.out)) {
        lap("attack_setup", t);
        System.out.printf("mode: %s, because %s%n", source.mode().key(), source.reason());
        if (surrogate != null && source.mode() == AttackSource.Mode.WHITE_BOX) {
          System.out.println("note: --surrogate " + surrogate + " is not used: the attack is"
              + " white-box");
        }
        report.put("mode", source.mode().key());
        report.put("mode_reason", source.reason());
        report.putAll(source.details());
        evaluate(report, target, source.attacker(), linf, data, start);
      }
    }
    return 0;
  }

  /** Scores the signature, clean and attacked, prints the table and writes both files. */
  private void evaluate(Map<String, Object> report, SignatureClassifier target,
      PixelAttacker attacker, LinfAttack linf, MnistData data, long start) throws Exception {
    long t = System.nanoTime();
    System.out.printf(Locale.ROOT, "%nEvaluating on %,d test digits%s%n", data.test().rows(),
        linf == null ? " (no attack: --attack none)" : ", perturbed by " + linf.describe()
            + ", clipped to [0, 1]");
    AccuracyUnderAttack.Result result = AccuracyUnderAttack.measure(target, attacker, linf,
        data.test(), batchSize, GRID_DIGITS);
    lap("evaluation", t);
    System.out.printf(Locale.ROOT, "%n%-17s%-12s%s%n", "signature", "clean acc", "perturbed acc");
    System.out.printf(Locale.ROOT, "%-17s%-12.4f%s%n", target.signature().key(), result.clean(),
        result.perturbed() == null ? "- (no attack)"
            : String.format(Locale.ROOT, "%.4f", result.perturbed()));
    report.put("clean_accuracy", result.clean());
    report.put("perturbed_accuracy", result.perturbed());
    writeGrid(result.first(), linf);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("report", Reports.FILE_NAME);
    files.put("perturbed_examples", PerturbedExamplesGrid.FILE_NAME);
    report.put("outputs", files);
    lap("total", start);
    report.put("wall_seconds", wallSeconds);
    Reports.write(out.resolve(Reports.FILE_NAME), report);
    System.out.printf(Locale.ROOT, "%nwrote %s and %s to %s in %.1f s%n", Reports.FILE_NAME, PerturbedExamplesGrid.FILE_NAME, out,
        wallSeconds.get("total"));
  }

  private void writeGrid(AccuracyUnderAttack.Examples first, LinfAttack linf) throws Exception {
    Map<String, long[]> captions = new LinkedHashMap<>();
    captions.put("clean", first.clean());
    String title;
    int n = first.labels().length;
    if (linf == null) {
      title = String.format(Locale.ROOT, "Test digits (correct: %d / %d)",
          Predictions.correct(first.clean(), first.labels()), n);
    } else {
      captions.put("adv", first.perturbed());
      title = String.format(Locale.ROOT, "Perturbed test digits, %s \u03B5 = %s (correct: clean"
              + " %d / %d, adv %d / %d)", linf.label(), linf.eps(),
          Predictions.correct(first.clean(), first.labels()), n,
          Predictions.correct(first.perturbed(), first.labels()), n);
    }
    PerturbedExamplesGrid.write(out.resolve(PerturbedExamplesGrid.FILE_NAME), title, first.images(), first.labels(),
        captions);
  }

  /** The attack asked for, or null for {@code --attack none}. */
  private LinfAttack attack() {
    String name = attack.toLowerCase(Locale.ROOT);
    if (name.equals("none")) {
      return null;
    }
    LinfAttack.Kind kind = Arrays.stream(LinfAttack.Kind.values())
        .filter(k -> k.key().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "--attack must be fgsm, pgd or none, got '" + attack + "'"));
    if (!(eps > 0 && eps <= 1)) {
      throw new IllegalArgumentException(
          "--eps must be in (0, 1] (pixels are in [0, 1]), got " + eps);
    }
    TrainingParams.positive("--pgd-iterations", pgdIterations);
    return LinfAttack.of(kind, eps, pgdIterations);
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
