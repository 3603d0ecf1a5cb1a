package org.nsl4j.examples.savedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nsl4j.examples.cli.DataOptions;
import org.nsl4j.examples.cli.ImageArrayOptions;
import org.nsl4j.examples.cli.ImageData;
import org.nsl4j.examples.cli.LabeledImages;
import org.nsl4j.examples.cli.Labels;
import org.nsl4j.examples.cli.Outputs;
import org.nsl4j.examples.cli.Predictions;
import org.nsl4j.examples.cli.PreprocessOption;
import org.nsl4j.examples.cli.TrainArrayOptions;
import org.nsl4j.examples.inspect.CustomLayers;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.examples.tutorial.Experiments;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.examples.tutorial.TrainingParams;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.io.OutputDirectory;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.Classifier;
import org.nsl4j.keras.robustness.ClipValues;
import org.nsl4j.keras.robustness.Evaluation;
import org.nsl4j.keras.robustness.FastGradientMethod;
import org.nsl4j.keras.robustness.ModelClassifier;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.keras.robustness.Robustness;
import org.nsl4j.savedmodel.ImportedModel;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.ModelExporter;
import org.nsl4j.savedmodel.SignatureClassifier;
import org.tensorflow.ndarray.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Hardens a Keras model saved by Python: rebuilds it with {@link KerasModelLoader}, checks a
 * SavedModel's rebuilt network against its own signature, measures its clean and white-box FGSM
 * accuracy (the library's attack), fine-tunes it with adversarial regularization, measures
 * again (white-box against the fine-tuned model), exports it with {@link ModelExporter} to {@code
 * --out/model} and checks that the export, reloaded, predicts as the model in memory. Writes
 * {@code --out/report.json}.
 *
 * <p>BatchNormalization layers stay frozen in inference mode while fine-tuning, as Keras advises
 * for fine-tuning: in training mode they would normalize with batch statistics and update their
 * moving statistics from the adversarial neighbors' batches too (as NSL's training step does),
 * and the model in inference mode would no longer compute what was trained ({@code
 * --train-batch-norm} trains them all the same).
 */
@Command(name = "harden", mixinStandardHelpOptions = true,
    description = {
        "Fine-tune a Keras model saved by Python (SavedModel directory, .keras or .h5 file) with"
            + " NSL adversarial regularization, and export the hardened model as a SavedModel.",
        "Reports clean and white-box FGSM accuracy on the test images (the MNIST digits, or"
            + " NumPy arrays of any size and channel count) before and after, in"
            + " --out/report.json; the model goes to --out/model."})
public final class HardenCommand implements Callable<Integer> {

  static final String MODEL = "model";
  /** Test digits on which the reloaded export must predict as the model in memory. */
  static final int EXPORT_CHECK_DIGITS = 256;
  /** The largest difference of any score allowed between them. */
  static final double EXPORT_TOLERANCE = 1e-5;
  /** Digits per attack step during the measurements. */
  static final int EVAL_BATCH = 128;

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "A Keras SavedModel directory, .keras archive or HDF5 (.h5) file saved by"
          + " Python.")
  Path model;

  @Option(names = "--preprocess", paramLabel = "MODE",
      description = "What the model takes: scale (pixels in [0, 1]), scale-center (2x - 1) or"
          + " raw (255x, in [0, 255]). --eps, --adv-step-size and --adv-pgd-epsilon are in"
          + " pixels in [0, 1] all the same (default: ${DEFAULT-VALUE}).")
  String preprocess = PreprocessOption.SCALE.key();

  @Option(names = "--train-batch-norm",
      description = "Train the BatchNormalization layers too (batch statistics, moving"
          + " statistics updated from the clean and the adversarial batches). Default: frozen"
          + " in inference mode, as Keras advises for fine-tuning.")
  boolean trainBatchNorm;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output directory: report.json and the hardened SavedModel in model/.")
  Path out;

  @Option(names = "--eps", paramLabel = "E",
      description = "L\u221E radius of the FGSM attack measured before and after, in pixels, in"
          + " (0, 1] (default: ${DEFAULT-VALUE}).")
  double eps = 0.2;

  @Option(names = "--overwrite", description = "Replace an earlier hardened model in --out, or"
      + " write into an --out (or model/) that holds files this command did not write: its"
      + " outputs (report.json and the model's files in model/) are replaced, everything else"
      + " is kept. Without it such an --out is refused before any work.")
  boolean overwrite;

  /** The tutorial's settings. */
  @Mixin TrainingParams training = new TrainingParams();
  @Mixin DataOptions dataOptions = new DataOptions();
  @Mixin ImageArrayOptions arrays = new ImageArrayOptions();
  @Mixin TrainArrayOptions trainArrays = new TrainArrayOptions();
  @Mixin CustomLayers customLayers = new CustomLayers();

  private final Map<String, Double> wallSeconds = new LinkedHashMap<>();
  private final Map<String, Object> report = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    training.validate();
    if (!(eps > 0 && eps <= 1)) {
      throw new IllegalArgumentException(
          "--eps must be in (0, 1] (pixels are in [0, 1]), got " + eps);
    }
    Preprocessing preprocessing = PreprocessOption.parse("--preprocess", preprocess)
        .preprocessing();
    EvaluateSavedModelCommand.requireReadable("--model", model);
    RebuiltModels.requireRuns(model, null, "hardened");
    OutputDirectory output =
        Outputs.directory(out, "harden", overwrite, Reports.FILE_NAME, MODEL + "/");
    Path exportDir = output.resolve(MODEL);
    checkExportDir(exportDir);
    KerasModelLoader loader = customLayers.loader();
    LabeledImages data = ImageData.forTraining(dataOptions, arrays, trainArrays);
    training.clampBatchSize(data.train().rows());
    try (ImportedModel imported = RebuiltModels.rebuild(loader, model, "hardened")) {
      Model keras = imported.model();
      ModelFeatures.requireFits(keras, data.imageShape(), data.flag());
      checkLabels(keras, data);
      Outputs.claim(output);
      System.out.println("data: " + data.source());
      System.out.printf("model: %s (%s), rebuilt: input '%s' %s, %s output, preprocess %s%n",
          model, imported.file().format().description(), keras.inputLayer().name(),
          keras.inputShape(), Experiments.hasSoftmaxOutput(keras) ? "softmax" : "logits",
          preprocess);
      report.put("model", model.toString());
      report.put("format", imported.file().format().description());
      report.put("rebuilt_input", keras.inputLayer().name());
      report.put("output", Experiments.hasSoftmaxOutput(keras) ? "softmax" : "logits");
      report.put("preprocess", preprocess);
      report.put("data", data.describe());
      report.put("rebuild_check", rebuildCheck(keras, preprocessing, data));
      harden(keras, preprocessing, data, exportDir, start);
    }
    return 0;
  }

  /** Measures, fine-tunes, measures again, exports and writes the report. */
  private void harden(Model keras, Preprocessing preprocessing, LabeledImages data,
      Path exportDir, long start) throws IOException {
    report.put("batch_normalization", batchNormalization(keras));
    AdversarialRegularization adv = Experiments.adversarial(keras, training,
        Experiments.lossFor(keras), preprocessing);
    Classifier classifier = ModelClassifier.builder(keras).preprocessing(preprocessing).build();
    Attack fgsm = FastGradientMethod.builder().eps((float) eps).batchSize(EVAL_BATCH).build();
    FeatureArray x = data.testImages();
    long[] y = data.testLabels();
    lap("load", start);

    long t = System.nanoTime();
    System.out.printf(Locale.ROOT, "%nBefore: %,d test images, clean and perturbed by"
        + " white-box FGSM (\u03B5 = %s), clipped to [0, 1]%n", y.length, eps);
    Evaluation before = Robustness.evaluate(classifier, fgsm, x, y, false);
    lap("before", t);
    History history = fineTune(keras, adv, preprocessing, data);
    t = System.nanoTime();
    System.out.printf(Locale.ROOT, "%nAfter: white-box FGSM (\u03B5 = %s) against the"
        + " fine-tuned model%n", eps);
    Evaluation after = Robustness.evaluate(classifier, fgsm, x, y, false);
    lap("after", t);
    printTable(before, after);
    Map<String, Object> attack = new LinkedHashMap<>();
    attack.put("name", fgsm.name());
    attack.put("mode", "white-box");
    attack.putAll(fgsm.params());
    report.put("attack", attack);
    report.put("training", training.toMap());
    report.put("history", history.history());
    report.put("before", accuracies(before));
    report.put("after", accuracies(after));
    export(keras, exportDir, preprocessing.apply(x), start);
  }

  /** Fine-tunes {@code keras} through its adversarial wrapper on the training images. */
  private History fineTune(Model keras, AdversarialRegularization adv,
      Preprocessing preprocessing, LabeledImages data) {
    long t = System.nanoTime();
    System.out.printf(Locale.ROOT, "%nFine-tuning with adversarial regularization"
            + " (multiplier %s, step size %s, %s norm) on %,d training images%n",
        training.advMultiplier(), training.advStepSize(), training.normName(),
        data.train().rows());
    FeatureArray trainInputs = preprocessing.apply(data.train().get(HParams.IMAGE_KEY));
    History history = Experiments.fit(adv, Experiments.trainDicts(ModelFeatures.of(keras,
        trainInputs, data.train().get(HParams.LABEL_KEY)), training), training.epochs());
    lap("fine_tuning", t);
    return history;
  }

  /** Exports the model, checks the export reloaded and writes the report. */
  private void export(Model keras, Path exportDir, FeatureArray testInputs, long start)
      throws IOException {
    long t = System.nanoTime();
    ModelExporter.export(keras, exportDir, overwrite);
    Map<String, Object> exportCheck = checkExport(keras, exportDir, testInputs);
    lap("export", t);
    report.put("hardened_model", exportDir.toString());
    report.put("export_check", exportCheck);
    lap("total", start);
    report.put("wall_seconds", wallSeconds);
    Reports.write(out.resolve(Reports.FILE_NAME), report);
    if (!(Boolean) exportCheck.get("passed")) {
      throw new IllegalStateException("the exported model in " + exportDir
          + " does not predict as the fine-tuned model: max |difference| "
          + exportCheck.get("max_abs_diff") + " > " + EXPORT_TOLERANCE);
    }
    System.out.printf(Locale.ROOT, "%nexported the hardened model to %s (reloaded: max"
            + " |difference| %.2g on %s images); wrote %s in %.1f s%n", exportDir,
        exportCheck.get("max_abs_diff"), exportCheck.get("digits"), Reports.FILE_NAME,
        wallSeconds.get("total"));
  }

  /** Freezes the BatchNormalization layers unless {@code --train-batch-norm}; says which. */
  private String batchNormalization(Model keras) {
    if (trainBatchNorm) {
      System.out.println("BatchNormalization: trained (--train-batch-norm)");
      return "trained";
    }
    int frozen = RebuiltModels.freezeBatchNormalization(keras);
    if (frozen > 0) {
      System.out.printf("BatchNormalization: %d layers frozen in inference mode while"
          + " fine-tuning (--train-batch-norm trains them)%n", frozen);
    }
    return frozen > 0 ? "frozen" : "none";
  }

  /** The export reloaded with {@link LoadedModel}, against {@code keras} on model inputs. */
  private static Map<String, Object> checkExport(Model keras, Path dir, FeatureArray testInputs) {
    int n = Math.min(EXPORT_CHECK_DIGITS, testInputs.rows());
    FeatureArray inputs = ModelFeatures.inputs(keras, testInputs.rows(0, n));
    FeatureArray expected = keras.predict(inputs, n);
    FeatureArray actual;
    try (LoadedModel reloaded = LoadedModel.load(dir)) {
      actual = reloaded.predict(inputs, n);
    }
    double maxDiff = Predictions.maxAbsDiff(expected, actual);
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("digits", n);
    check.put("max_abs_diff", maxDiff);
    check.put("tolerance", EXPORT_TOLERANCE);
    check.put("passed", maxDiff <= EXPORT_TOLERANCE);
    return check;
  }

  /**
   * For a SavedModel, the rebuilt model checked against the SavedModel's own signature (it must
   * agree before it is fine-tuned); a .keras or .h5 file has no signature to check against.
   */
  private Map<String, Object> rebuildCheck(Model keras, Preprocessing preprocessing,
      LabeledImages data) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!EvaluateSavedModelCommand.isSavedModel(model)) {
      m.put("checked", false);
      m.put("reason", "a Keras model file has no signature to compare with");
      System.out.println("rebuild check: none (a Keras model file has no signature)");
      return m;
    }
    try (LoadedModel loaded = LoadedModel.load(model)) {
      SignatureClassifier signature = SignatureClassifier.select(loaded, null,
          data.imageShape(), ClipValues.UNIT, preprocessing, EVAL_BATCH);
      RebuildCheck check = RebuildCheck.of(keras, preprocessing, signature, data.testImages());
      m.put("checked", true);
      m.put("signature", signature.signature().key());
      m.putAll(check.toMap());
      System.out.printf(Locale.ROOT, "rebuild check: the rebuilt model agrees with signature"
          + " '%s' on %.1f%% of %d test images (max |difference| %.2g)%n",
          signature.signature().key(), 100 * check.agreement(), check.digits(),
          check.maxAbsDiff());
      if (!check.passed()) {
        throw new IllegalArgumentException("--model " + model + " cannot be hardened: "
            + check.problem());
      }
    }
    return m;
  }

  private static void printTable(Evaluation before, Evaluation after) {
    System.out.printf(Locale.ROOT, "%n%-17s%-12s%s%n", "model", "clean acc", "perturbed acc");
    System.out.printf(Locale.ROOT, "%-17s%-12.4f%.4f%n", "before", before.cleanAccuracy(),
        before.adversarialAccuracy());
    System.out.printf(Locale.ROOT, "%-17s%-12.4f%.4f%n", "after", after.cleanAccuracy(),
        after.adversarialAccuracy());
  }

  private static Map<String, Object> accuracies(Evaluation r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clean_accuracy", r.cleanAccuracy());
    m.put("perturbed_accuracy", r.adversarialAccuracy());
    m.put("test_digits", r.examples().size());
    return m;
  }

  /** Without --overwrite, refuses a model/ that is not empty, saying what it holds. */
  private void checkExportDir(Path exportDir) throws IOException {
    if (overwrite || !isNonEmpty(exportDir)) {
      return;
    }
    if (Files.exists(exportDir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException(
          exportDir + " already holds a model; --overwrite replaces it");
    }
    throw new IllegalArgumentException(exportDir + " holds files but no model; --overwrite"
        + " writes the model's files there and keeps the others");
  }

  /** The labels of both splits must be class ids of the model's output. */
  private static void checkLabels(Model keras, LabeledImages data) {
    Shape out = keras.output().shape();
    long classes = out.size(out.numDimensions() - 1);
    String what = classes + " classes (its output)";
    Labels.check("training", data.train().get(HParams.LABEL_KEY).longs(), classes, what);
    Labels.check("test", data.testLabels(), classes, what);
  }

  private static boolean isNonEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Files.exists(dir);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }

  private void lap(String stage, long startNanos) {
    wallSeconds.put(stage, (System.nanoTime() - startNanos) / 1e9);
  }
}
