package org.nsl4j.examples.savedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.nsl4j.examples.cli.DataOptions;
import org.nsl4j.examples.cli.ImageArrayOptions;
import org.nsl4j.examples.cli.ImageData;
import org.nsl4j.examples.cli.LabeledImages;
import org.nsl4j.examples.cli.Labels;
import org.nsl4j.examples.cli.Outputs;
import org.nsl4j.examples.cli.Predictions;
import org.nsl4j.examples.cli.PreprocessOption;
import org.nsl4j.examples.inspect.CustomLayers;
import org.nsl4j.examples.reports.PerturbedExamplesGrid;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.examples.tutorial.TrainingParams;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.io.OutputDirectory;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.Classifier;
import org.nsl4j.keras.robustness.ClipValues;
import org.nsl4j.keras.robustness.ModelClassifier;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.keras.robustness.ProjectedGradientDescent;
import org.nsl4j.savedmodel.ImportedModel;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SignatureClassifier;
import org.nsl4j.savedmodel.TensorSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures a model's robustness: its accuracy on the test images, clean and under one of the
 * library's attacks. A SavedModel is scored through its own signature, white-box when its Keras
 * network can be rebuilt and agrees with the signature; else transferred from {@code
 * --surrogate}, or, without one, the Square attack on the signature itself (black-box, scores
 * only). A {@code .keras} or {@code .h5} file has no signature: the model rebuilt from it is
 * scored and attacked white-box. Writes {@code report.json} and {@code perturbed_examples.png}
 * to {@code --out}.
 */
@Command(name = "evaluate-savedmodel", mixinStandardHelpOptions = true,
    description = {
        "Accuracy of a Keras model (SavedModel directory, .keras or .h5 file) on the test images"
            + " (the MNIST digits, or NumPy arrays of any size and channel count), clean and"
            + " under an L\u221E attack (FGSM, PGD, APGD-CE, Square or their worst case).",
        "A SavedModel is called through its own signature, attacked white-box when its Keras"
            + " network can be rebuilt with its weights (and agrees with the signature); else"
            + " transferred from --surrogate, or without one the Square attack on the signature"
            + " itself (black-box). A .keras or .h5 file has no signature: the model rebuilt"
            + " from it is evaluated and attacked white-box.",
        "Writes report.json and perturbed_examples.png to --out."})
public final class EvaluateSavedModelCommand implements Callable<Integer> {

  /** Images shown in the picture. */
  static final int GRID_DIGITS = 32;

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "A SavedModel directory, a .keras archive or an HDF5 (.h5) file.")
  Path model;

  @Option(names = "--signature", paramLabel = "NAME",
      description = "Signature of a SavedModel to call (default: serving_default, else the"
          + " first predict signature that takes the images).")
  String signature;

  @Option(names = "--preprocess", paramLabel = "MODE",
      description = "What the model takes: scale (pixels in [0, 1]), scale-center (2x - 1, in"
          + " [-1, 1]) or raw (255x, in [0, 255]). Attacks work on pixels in [0, 1]; this comes"
          + " after (default: ${DEFAULT-VALUE}).")
  String preprocess = PreprocessOption.SCALE.key();

  @Mixin DataOptions dataOptions = new DataOptions();
  @Mixin ImageArrayOptions arrays = new ImageArrayOptions();
  @Mixin AttackOptions attackOptions = new AttackOptions();
  @Mixin CustomLayers customLayers = new CustomLayers();

  @Option(names = "--surrogate", paramLabel = "PATH",
      description = "For a SavedModel that cannot be attacked white-box: a Keras model"
          + " (SavedModel, .keras or .h5) to transfer the gradient attack from (same"
          + " --preprocess). Without it such a model is attacked by Square on its signature"
          + " (black-box).")
  Path surrogate;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Images per attack batch and model call (default: ${DEFAULT-VALUE}); one"
          + " larger than the test images is clamped to their number, with a warning.")
  int batchSize = 500;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("nsl-evaluate-out");

  @Option(names = "--overwrite",
      description = "Write into an --out that holds files this command did not write: its"
          + " outputs (report.json, perturbed_examples.png) are replaced, everything else is"
          + " kept. Without it such an --out is refused before any work.")
  boolean overwrite;

  private OutputDirectory output;

  private final Map<String, Double> wallSeconds = new LinkedHashMap<>();
  private KerasModelLoader loader;
  private EvaluationBackend backend = EvaluationBackend.LOCAL;
  private Supplier<LabeledImages> testData;

  /** Scores the images with {@code backend} instead of in this process. */
  public void backend(EvaluationBackend backend) {
    this.backend = backend;
  }

  /** The model path ({@code --model}). */
  public Path modelPath() {
    return model;
  }

  /**
   * Evaluates on the images {@code data} gives (once the model path is checked) instead of
   * those the data flags name.
   */
  public void testData(Supplier<LabeledImages> data) {
    this.testData = data;
  }

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Preprocessing preprocessing = PreprocessOption.parse("--preprocess", preprocess)
        .preprocessing();
    TrainingParams.positive("--batch-size", batchSize);
    attackOptions.build(batchSize);
    loader = customLayers.loader();
    requireReadable("--model", model);
    if (surrogate != null) {
      requireReadable("--surrogate", surrogate);
    }
    boolean savedModel = isSavedModel(model);
    if (!savedModel) {
      rejectForKerasFile("--signature", signature);
      rejectForKerasFile("--surrogate", surrogate);
    }
    RebuiltModels.requireRuns(model, signature, "evaluated");
    output = Outputs.directory(out, "evaluate-savedmodel", overwrite, Reports.FILE_NAME,
        PerturbedExamplesGrid.FILE_NAME);
    LabeledImages data =
        testData != null ? testData.get() : ImageData.forEvaluation(dataOptions, arrays);
    clampBatchSize(data.test().rows());
    Attack attack = attackOptions.build(batchSize);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", model.toString());
    if (savedModel) {
      evaluateSavedModel(report, preprocessing, attack, data, start);
    } else {
      evaluateKerasFile(report, preprocessing, attack, data, start);
    }
    return 0;
  }

  /** Through the SavedModel's signature. */
  private void evaluateSavedModel(Map<String, Object> report, Preprocessing preprocessing,
      Attack attack, LabeledImages data, long start) throws Exception {
    try (LoadedModel loaded = LoadedModel.load(model)) {
      SignatureClassifier target = select(loaded, preprocessing, data);
      ready(target, data);
      lap("load", start);
      report.put("signature", target.signature().key());
      report.put("signature_input", describe(target.signature().inputs()));
      report.put("signature_output", describe(target.signature().outputs()));
      String line = "model: " + model + ", signature " + target.signature().key() + " ("
          + describe(target.signature().inputs()) + " \u2192 "
          + describe(target.signature().outputs()) + ")";
      if (attack == null) {
        evaluate(report, line, data, setup(target, null, preprocessing, data), null, start);
        return;
      }
      long t = System.nanoTime();
      try (AttackPlan plan = AttackPlan.choose(loader, loaded, target,
          preprocessing, data.testImages(), attack, attackOptions, surrogate, batchSize)) {
        lap("attack_setup", t);
        evaluate(report, line, data, setup(target, plan, preprocessing, data), plan, start);
      }
    }
  }

  /** On the model rebuilt from a .keras or .h5 file, which has no signature. */
  private void evaluateKerasFile(Map<String, Object> report, Preprocessing preprocessing,
      Attack attack, LabeledImages data, long start) throws Exception {
    try (ImportedModel imported = RebuiltModels.rebuild(loader, model, "evaluated")) {
      Model keras = imported.model();
      ModelFeatures.requireFits(keras, data.imageShape(), data.flag());
      Classifier target = ModelClassifier.builder(keras).preprocessing(preprocessing).build();
      ready(target, data);
      lap("load", start);
      String format = imported.file().format().description();
      report.put("format", format);
      report.put("keras_version", imported.file().kerasVersion());
      report.put("signature", null);
      report.put("evaluated", "the rebuilt model (a " + format + " has no serving signature)");
      report.put("rebuilt_input", keras.inputLayer().name() + " "
          + Arrays.toString(keras.inputLayer().shape()));
      String line = "model: " + model + " (" + format + ", Keras "
          + imported.file().kerasVersion() + "), rebuilt: input '" + keras.inputLayer().name()
          + "' " + Arrays.toString(keras.inputLayer().shape()) + "; it has no signature, so the"
          + " rebuilt model is evaluated";
      try (AttackPlan plan = attack == null ? null : AttackPlan.onModel(target, attack, format)) {
        evaluate(report, line, data, setup(target, plan, preprocessing, data), plan, start);
      }
    }
  }

  private EvaluationBackend.Setup setup(Classifier target, AttackPlan plan,
      Preprocessing preprocessing, LabeledImages data) {
    String key = target instanceof SignatureClassifier s ? s.signature().key() : null;
    return new EvaluationBackend.Setup(model, key, data.imageShape(), preprocessing, batchSize,
        plan == null ? null : plan.mode(), plan == null ? null : plan.reason(),
        attackOptions.name(),
        plan == null ? null : plan.attack(), surrogate, customLayers.specs(), target,
        plan == null ? null : plan.source());
  }

  private SignatureClassifier select(LoadedModel loaded, Preprocessing preprocessing,
      LabeledImages data) {
    try {
      return SignatureClassifier.select(loaded, signature, data.imageShape(), ClipValues.UNIT,
          preprocessing, batchSize);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().contains("the images of shape")) {
        throw new IllegalArgumentException(data.flag() + ": " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /** Prints what is evaluated, scores it clean and attacked, and writes both files. */
  private void evaluate(Map<String, Object> report, String modelLine, LabeledImages data,
      EvaluationBackend.Setup setup, AttackPlan plan, long start) throws Exception {
    report.put("preprocess", preprocess);
    report.put("data", data.describe());
    report.put("batch_size", batchSize);
    System.out.println("data: " + data.source());
    System.out.println(modelLine + ", preprocess " + preprocess);
    if (plan == null) {
      report.put("attack", "none");
    } else {
      System.out.printf("mode: %s, because %s%n", plan.mode(), plan.reason());
      describeAttack(report, plan);
    }
    long t = System.nanoTime();
    FeatureArray x = data.testImages();
    long[] y = data.testLabels();
    System.out.printf(Locale.ROOT, "%nEvaluating on %,d test images%s%n", y.length,
        plan == null ? " (no attack: --attack none)" : ", " + plan.mode() + " "
            + plan.attack().name() + " " + plan.attack().params());
    EvaluationBackend.Scored scored = backend.score(setup, x, y, GRID_DIGITS);
    lap("evaluation", t);
    backend.describe(report);
    printTable(report, y, scored.clean(), scored.attacked(), plan);
    writeGrid(scored.firstShown(), y, scored.clean(), scored.attacked(), plan);
    writeReport(report, start);
  }

  /** Prints and reports the clean and perturbed accuracy ({@code attacked} null: no attack). */
  private static void printTable(Map<String, Object> report, long[] y, long[] clean,
      long[] attacked, AttackPlan plan) {
    double cleanAccuracy = Predictions.correct(clean, y) / (double) y.length;
    Double perturbed =
        attacked == null ? null : Predictions.correct(attacked, y) / (double) y.length;
    Object signature = report.get("signature");
    System.out.printf(Locale.ROOT, "%n%-17s%-12s%s%n", signature == null ? "model" : "signature",
        "clean acc", "perturbed acc");
    System.out.printf(Locale.ROOT, "%-17s%-12.4f%s%n",
        signature == null ? "rebuilt model" : signature, cleanAccuracy,
        perturbed == null ? "- (no attack)"
            : String.format(Locale.ROOT, "%.4f (%s)", perturbed, plan.mode()));
    report.put("clean_accuracy", cleanAccuracy);
    report.put("perturbed_accuracy", perturbed);
  }

  private void writeReport(Map<String, Object> report, long start) throws IOException {
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

  private void describeAttack(Map<String, Object> report, AttackPlan plan) {
    report.put("attack", plan.attack().name());
    if (!plan.attack().name().equals(attackOptions.name())) {
      report.put("requested_attack", attackOptions.name());
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
  }

  private void writeGrid(FeatureArray images, long[] y, long[] clean, long[] attacked,
      AttackPlan plan) throws Exception {
    int n = Math.min(GRID_DIGITS, y.length);
    long[] labels = Arrays.copyOf(y, n);
    Map<String, long[]> captions = new LinkedHashMap<>();
    captions.put("clean", Arrays.copyOf(clean, n));
    String title;
    if (plan == null) {
      title = String.format(Locale.ROOT, "Test images (correct: %d / %d)",
          Predictions.correct(captions.get("clean"), labels), n);
    } else {
      captions.put("adv", Arrays.copyOf(attacked, n));
      title = String.format(Locale.ROOT, "Perturbed test images, %s %s \u03B5 = %s (correct:"
              + " clean %d / %d, adv %d / %d)", plan.mode(), plan.attack().name(),
          attackOptions.eps, Predictions.correct(captions.get("clean"), labels), n,
          Predictions.correct(captions.get("adv"), labels), n);
    }
    PerturbedExamplesGrid.write(out.resolve(PerturbedExamplesGrid.FILE_NAME), title,
        images.rows(0, n), labels, captions);
  }

  /** Clamps --batch-size to the {@code images} there are, with one warning. */
  private void clampBatchSize(long images) {
    if (images > 0 && batchSize > images) {
      System.out.printf(Locale.ROOT, "warning: --batch-size %d is larger than the %d test"
          + " images; using %d%n", batchSize, images, images);
      batchSize = (int) images;
    }
  }

  /** Checks the labels against the model's classes, then claims --out; before any work. */
  private void ready(Classifier target, LabeledImages data) throws IOException {
    Labels.check("test", data.testLabels(), target.numClasses(),
        target.numClasses() + " classes (its output)");
    Outputs.claim(output);
  }

  static void requireReadable(String flag, Path path) {
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(flag + " " + path + " does not exist or is not readable");
    }
  }

  /**
   * Whether {@code path} is a SavedModel directory (not a file, nor the unzipped directory of
   * a {@code .keras} archive).
   */
  static boolean isSavedModel(Path path) {
    return Files.isDirectory(path) && (Files.exists(path.resolve("saved_model.pb"))
        || !Files.exists(path.resolve("config.json")));
  }

  private void rejectForKerasFile(String flag, Object value) {
    if (value != null) {
      throw new IllegalArgumentException(flag + " applies to SavedModel directories; --model "
          + model + " is a Keras model file, which has no signature: its rebuilt model is"
          + " evaluated and attacked white-box itself");
    }
  }

  private static String describe(Map<String, TensorSpec> specs) {
    return specs.values().stream().map(s -> s.key() + " " + s.describe())
        .reduce((a, b) -> a + ", " + b).orElse("");
  }

  private void lap(String stage, long startNanos) {
    wallSeconds.put(stage, (System.nanoTime() - startNanos) / 1e9);
  }
}
