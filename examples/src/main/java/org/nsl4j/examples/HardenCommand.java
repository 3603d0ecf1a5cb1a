package org.nsl4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.Classifier;
import org.nsl4j.keras.robustness.ClipValues;
import org.nsl4j.keras.robustness.Evaluation;
import org.nsl4j.keras.robustness.FastGradientMethod;
import org.nsl4j.keras.robustness.ModelClassifier;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.keras.robustness.Robustness;
import org.nsl4j.savedmodel.InferenceOnlyException;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.ModelExporter;
import org.nsl4j.savedmodel.SavedModelException;
import org.nsl4j.savedmodel.SignatureClassifier;
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
 */
@Command(name = "harden", mixinStandardHelpOptions = true,
    description = {
        "Fine-tune a Keras model saved by Python (SavedModel or .h5) with NSL adversarial"
            + " regularization, and export the hardened model as a SavedModel.",
        "Reports clean and white-box FGSM accuracy on the test digits before and after, in"
            + " --out/report.json; the model goes to --out/model."})
final class HardenCommand implements Callable<Integer> {

  static final String MODEL = "model";
  /** Test digits on which the reloaded export must predict as the model in memory. */
  static final int EXPORT_CHECK_DIGITS = 256;
  /** The largest difference of any score allowed between them. */
  static final double EXPORT_TOLERANCE = 1e-5;
  /** Digits per attack step during the measurements. */
  static final int EVAL_BATCH = 128;

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "A Keras SavedModel directory or HDF5 file saved by Python, taking pixels in"
          + " [0, 1].")
  Path model;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output directory: report.json and the hardened SavedModel in model/.")
  Path out;

  @Option(names = "--eps", paramLabel = "E",
      description = "L\u221E radius of the FGSM attack measured before and after, in pixels, in"
          + " (0, 1] (default: ${DEFAULT-VALUE}).")
  double eps = 0.2;

  @Option(names = "--overwrite", description = "Replace an earlier hardened model in --out.")
  boolean overwrite;

  /** The tutorial's settings: with fewer than its 5 epochs the FGSM gain is smaller. */
  @Mixin TrainingParams training = new TrainingParams();
  @Mixin DataOptions dataOptions = new DataOptions();

  private final Map<String, Double> wallSeconds = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    training.validate();
    if (!(eps > 0 && eps <= 1)) {
      throw new IllegalArgumentException(
          "--eps must be in (0, 1] (pixels are in [0, 1]), got " + eps);
    }
    EvaluateSavedModelCommand.requireReadable("--model", model);
    Path exportDir = out.resolve(MODEL);
    if (!overwrite && isNonEmpty(exportDir)) {
      throw new IllegalArgumentException(
          exportDir + " already holds a model; --overwrite replaces it");
    }
    try (Model keras = rebuild()) {
      MnistData data = dataOptions.load();
      ModelFeatures.inputs(keras, data.test().get(HParams.IMAGE_KEY).rows(0, 1));
      Reports.checkWritable(out);
      System.out.println("data: " + data.source());
      System.out.printf("model: %s, rebuilt: input '%s' %s, %s output%n", model,
          keras.inputLayer().name(), keras.inputShape(),
          Experiments.hasSoftmaxOutput(keras) ? "softmax" : "logits");
      Map<String, Object> rebuildCheck = rebuildCheck(keras, data);
      AdversarialRegularization adv =
          Experiments.adversarial(keras, training, Experiments.lossFor(keras));
      Classifier classifier = ModelClassifier.of(keras);
      Attack fgsm = FastGradientMethod.builder().eps((float) eps).batchSize(EVAL_BATCH).build();
      FeatureArray x = data.test().get(HParams.IMAGE_KEY);
      long[] y = data.test().get(HParams.LABEL_KEY).longs();
      lap("load", start);

      long t = System.nanoTime();
      System.out.printf(Locale.ROOT, "%nBefore: %,d test digits, clean and perturbed by"
          + " white-box FGSM (\u03B5 = %s), clipped to [0, 1]%n", data.test().rows(), eps);
      Evaluation before = Robustness.evaluate(classifier, fgsm, x, y, false);
      lap("before", t);

      t = System.nanoTime();
      System.out.printf(Locale.ROOT, "%nFine-tuning with adversarial regularization"
              + " (multiplier %s, step size %s, %s norm) on %,d training digits%n",
          training.advMultiplier(), training.advStepSize(), training.normName(),
          data.train().rows());
      History history = adv.fit(Experiments.trainDicts(ModelFeatures.of(keras,
          data.train().get(HParams.IMAGE_KEY), data.train().get(HParams.LABEL_KEY)), training),
          training.epochs());
      lap("fine_tuning", t);

      t = System.nanoTime();
      System.out.printf(Locale.ROOT, "%nAfter: white-box FGSM (\u03B5 = %s) against the"
          + " fine-tuned model%n", eps);
      Evaluation after = Robustness.evaluate(classifier, fgsm, x, y, false);
      lap("after", t);
      printTable(before, after);

      t = System.nanoTime();
      ModelExporter.export(keras, exportDir, overwrite);
      Map<String, Object> exportCheck = checkExport(keras, exportDir, data);
      lap("export", t);

      Map<String, Object> report = new LinkedHashMap<>();
      report.put("model", model.toString());
      report.put("rebuilt_input", keras.inputLayer().name());
      report.put("output", Experiments.hasSoftmaxOutput(keras) ? "softmax" : "logits");
      report.put("data", DataOptions.describe(data));
      report.put("rebuild_check", rebuildCheck);
      Map<String, Object> attack = new LinkedHashMap<>();
      attack.put("name", fgsm.name());
      attack.put("mode", "white-box");
      attack.putAll(fgsm.params());
      report.put("attack", attack);
      report.put("training", training.toMap());
      report.put("history", history.history());
      report.put("before", accuracies(before));
      report.put("after", accuracies(after));
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
              + " |difference| %.2g on %s digits); wrote %s in %.1f s%n", exportDir,
          exportCheck.get("max_abs_diff"), exportCheck.get("digits"), Reports.FILE_NAME,
          wallSeconds.get("total"));
    }
    return 0;
  }

  private Model rebuild() {
    try {
      return KerasModelLoader.load(model);
    } catch (InferenceOnlyException e) {
      throw new IllegalArgumentException("--model " + model + " cannot be hardened: "
          + e.getMessage(), e);
    } catch (SavedModelException e) {
      throw new IllegalArgumentException("--model " + model + " cannot be rebuilt as a Keras"
          + " model: " + e.getMessage(), e);
    }
  }

  /** The export reloaded with {@link LoadedModel}, against {@code keras} on test digits. */
  private static Map<String, Object> checkExport(Model keras, Path dir, MnistData data) {
    int n = Math.min(EXPORT_CHECK_DIGITS, data.test().rows());
    FeatureArray inputs =
        ModelFeatures.inputs(keras, data.test().get(HParams.IMAGE_KEY).rows(0, n));
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
   * agree before it is fine-tuned); an HDF5 file has no signature to check against.
   */
  private Map<String, Object> rebuildCheck(Model keras, MnistData data) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!Files.isDirectory(model)) {
      m.put("checked", false);
      m.put("reason", "an HDF5 file has no signature to compare with");
      System.out.println("rebuild check: none (an HDF5 file has no signature)");
      return m;
    }
    try (LoadedModel loaded = LoadedModel.load(model)) {
      long[] shape = data.test().get(HParams.IMAGE_KEY).shape();
      SignatureClassifier signature = SignatureClassifier.select(loaded, null,
          Arrays.copyOfRange(shape, 1, shape.length), ClipValues.UNIT, Preprocessing.NONE,
          EVAL_BATCH);
      RebuildCheck check = RebuildCheck.of(keras, Preprocessing.NONE, signature, data);
      m.put("checked", true);
      m.put("signature", signature.signature().key());
      m.putAll(check.toMap());
      System.out.printf(Locale.ROOT, "rebuild check: the rebuilt model agrees with signature"
          + " '%s' on %.1f%% of %d test digits (max |difference| %.2g)%n",
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
