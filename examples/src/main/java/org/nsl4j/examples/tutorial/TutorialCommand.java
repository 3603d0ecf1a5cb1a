package org.nsl4j.examples.tutorial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsl4j.examples.cli.ConfigFileDefaults;
import org.nsl4j.examples.cli.DataOptions;
import org.nsl4j.examples.cli.Labels;
import org.nsl4j.examples.cli.Outputs;
import org.nsl4j.examples.cli.PerformanceOptions;
import org.nsl4j.examples.reports.PerturbedExamplesGrid;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.examples.reports.RobustnessChart;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.io.OutputDirectory;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.ModelClassifier;
import org.nsl4j.keras.robustness.Robustness;
import org.nsl4j.keras.robustness.RobustnessCurve;
import org.nsl4j.savedmodel.ModelExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The NSL tutorial "Adversarial regularization for image classification", end to end: train the
 * base CNN and an adversarially regularized copy, measure both on test digits perturbed from the
 * base model, add a robustness curve against each model's own FGSM and PGD attacks, and write
 * {@code report.json}, {@code robustness.png} and {@code perturbed_examples.png} to {@code --out}.
 *
 * <p>Everything is checked before training starts. Training is checkpointed after every epoch
 * ({@code --out/checkpoints}, one {@code BackupAndRestore} backup per model); {@code --resume}
 * continues an interrupted run, after removing what the interruption left half-written. Both
 * trained models are exported as SavedModels to {@code --out/models/base} and {@code --out/models/adv},
 * replacing those of an earlier run.
 */
@Command(name = "tutorial", mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigFileDefaults.class,
    description = {
        "The NSL tutorial \"Adversarial regularization for image classification\", end to end:"
            + " base and adversarially regularized CNNs on MNIST, their accuracy on perturbed"
            + " test digits, and a robustness curve.",
        "Writes report.json, robustness.png and perturbed_examples.png to --out."})
public final class TutorialCommand implements Callable<Integer> {

  /** Display name of the base model. */
  static final String BASE = "base";
  /** Display name of the adversarially regularized model. */
  static final String ADV = "adv-regularized";
  /** Display name → report key. */
  private static final Map<String, String> REPORT_KEYS = Map.of(BASE, "base", ADV, "adv");

  static final String CHART = "robustness.png";
  /** The directory of the exported SavedModels, one per report key. */
  static final String MODELS = "models";
  static final String CHECKPOINTS = "checkpoints";
  /** Everything the tutorial writes in --out. */
  private static final String[] OUTPUTS = {Reports.FILE_NAME, CHART,
      PerturbedExamplesGrid.FILE_NAME, CHECKPOINTS + "/", MODELS + "/base/", MODELS + "/adv/"};

  @Mixin HParams h = new HParams();
  @Mixin DataOptions dataOptions = new DataOptions();
  @Mixin CurveOptions curveOptions = new CurveOptions();
  @Mixin PerformanceOptions perf = new PerformanceOptions();

  @Option(names = ConfigFileDefaults.OPTION, paramLabel = "FILE",
      description = "JSON or .properties file of option values, keyed by option names without"
          + " dashes, e.g. {\"epochs\": 5, \"adv-step-size\": 0.2}; flags override it.")
  Path config;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("nsl-tutorial-out");

  @Option(names = "--resume",
      description = "Continue an interrupted run from its checkpoints in --out, after removing"
          + " the temporary files the interruption left.")
  boolean resume;

  @Option(names = "--overwrite",
      description = "Write into an --out that holds files this command did not write: its"
          + " outputs (report.json, the PNGs, checkpoints/, models/base/, models/adv/) are"
          + " replaced, everything else is kept. Without it such an --out is refused before"
          + " any work; an --out this command wrote before is reused.")
  boolean overwrite;

  @Option(names = "--resume-from-intact",
      description = "With --resume: when a model's latest checkpoint is damaged, continue from"
          + " its last intact one (the error without this flag names it).")
  boolean resumeFromIntact;

  private final Map<String, Double> wallSeconds = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    h.validate();
    curveOptions.validate();
    perf.validate();
    OutputDirectory output = Outputs.directory(out, "tutorial", overwrite || resume, OUTPUTS);
    MnistData data = dataOptions.load();
    DataOptions.checkShape(data, h.inputShape());
    h.training().clampBatchSize(data.train().rows());
    Labels.check(data, h.numClasses());
    Checkpoints checkpoints = new Checkpoints(output.resolve(CHECKPOINTS), resumeFromIntact,
        overwrite || resume);
    TrainingState state = startState(data, checkpoints);
    Outputs.claim(output);
    if (resume) {
      removeStale(output);
    } else {
      checkpoints.clear();
    }
    System.out.println("data: " + data.source());
    System.out.println("performance: " + perf.describe());
    System.out.println("output: " + out);
    TutorialReport report = new TutorialReport(h, data, config);
    report.performance(perf.toMap());
    PhaseTraining training = new PhaseTraining(checkpoints, state);
    try (Model base = BaseModel.build(h); Model advBase = BaseModel.build(h)) {
      base.summary();
      perf.applyTo(base, advBase);
      Map<String, Double> baseClean = trainBase(training, base, data, report);
      AdversarialRegularization adv = Experiments.adversarial(advBase, h.training());
      Map<String, Double> advClean = trainAdv(training, adv, data, report);
      writeOutputs(data, report, base, adv, baseClean, advClean);
    }
    lap("total", start);
    report.wallSeconds(wallSeconds);
    report.write(out.resolve(Reports.FILE_NAME));
    System.out.printf(Locale.ROOT, "%nwrote %s, %s and %s to %s in %.1f s%n", Reports.FILE_NAME,
        CHART, PerturbedExamplesGrid.FILE_NAME, out, wallSeconds.get("total"));
    return 0;
  }

  /** Trains the base model (or resumes it) and returns its clean test evaluation. */
  private Map<String, Double> trainBase(PhaseTraining training, Model base, MnistData data,
      TutorialReport report) throws IOException {
    long lapStart = System.nanoTime();
    TrainingParams t = h.training();
    Experiments.compileBase(base, t);
    History history = training.run("base", "Base model", base,
        Experiments.trainTuples(data, t), h.epochs());
    Map<String, Double> clean = base.evaluate(
        Experiments.testTuples(data, perf.inferenceBatchSize()));
    printAccuracy(BASE, clean);
    report.model(REPORT_KEYS.get(BASE), training.state().phase("base"), history, clean);
    lap("base_model", lapStart);
    return clean;
  }

  /** Trains the adversarially regularized model (or resumes it); returns its clean evaluation. */
  private Map<String, Double> trainAdv(PhaseTraining training, AdversarialRegularization adv,
      MnistData data, TutorialReport report) throws IOException {
    long lapStart = System.nanoTime();
    History history = training.run("adv", String.format(Locale.ROOT,
            "Adversarially regularized model (multiplier %s, step size %s, %s norm)",
            h.advMultiplier(), h.advStepSize(), normName()),
        adv, Experiments.trainDicts(data, h.training()), h.epochs());
    Map<String, Double> clean = adv.evaluate(
        Experiments.testDicts(data, perf.inferenceBatchSize()));
    printAccuracy(ADV, clean);
    report.model(REPORT_KEYS.get(ADV), training.state().phase("adv"), history, clean);
    lap("adv_model", lapStart);
    return clean;
  }

  /**
   * The tutorial's robustness table and figure, then the robustness curve and its chart, then
   * the exported models; adds them to the report.
   */
  private void writeOutputs(MnistData data, TutorialReport report, Model base,
      AdversarialRegularization adv, Map<String, Double> baseClean,
      Map<String, Double> advClean) throws IOException {
    Map<String, Model> models = new LinkedHashMap<>();
    models.put(BASE, base);
    models.put(ADV, adv.baseModel());
    transferTable(data, report, Experiments.adversarial(base, h.training()), models,
        Map.of(BASE, baseClean, ADV, advClean));
    long t = System.nanoTime();
    Map<String, RobustnessCurve> curves = curves(data, models);
    RobustnessChart.write(curves, out.resolve(CHART));
    double seconds = lap("robustness_curve", t);
    report.curve(curves, REPORT_KEYS, curveOptions, perf.inferenceBatchSize(), seconds);
    report.models(export(models));
    Map<String, String> files = new LinkedHashMap<>();
    files.put("report", Reports.FILE_NAME);
    files.put("robustness_chart", CHART);
    files.put("perturbed_examples", PerturbedExamplesGrid.FILE_NAME);
    files.put("checkpoints", CHECKPOINTS);
    report.outputs(files);
  }

  /**
   * NSL's table: every model (display name → model) scored on the test digits perturbed from
   * the base model ({@code reference}), printed beside its clean accuracy, and the grid of the
   * first perturbed batch.
   */
  private void transferTable(MnistData data, TutorialReport report,
      AdversarialRegularization reference, Map<String, Model> models,
      Map<String, Map<String, Double>> clean) throws IOException {
    long t = System.nanoTime();
    System.out.printf(Locale.ROOT, "%nThe tutorial's table (transfer): the %,d test digits"
        + " perturbed from the base model by perturbOnBatch (step size %s, %s norm, %d"
        + " iteration(s)), clipped to [0, 1] afterwards%n",
        data.test().rows(), h.advStepSize(), normName(), h.pgdIterations());
    RobustnessEvaluation.Result robust = RobustnessEvaluation.run(reference, models,
        Experiments.testDicts(data, h.training().batchSize()));
    RobustnessEvaluation.Batch batch0 = robust.firstBatch();
    int size = batch0.labels().length;
    System.out.println("accuracy in batch 0:");
    System.out.printf(Locale.ROOT, "%s model: %d / %d, %s model: %d / %d%n", BASE,
        batch0.correct(BASE), size, ADV, batch0.correct(ADV), size);
    System.out.printf(Locale.ROOT, "%n%-17s%-12s%s%n", "model", "clean acc", "perturbed acc");
    for (String model : models.keySet()) {
      System.out.printf(Locale.ROOT, "%-17s%-12.4f%.4f%n", model,
          clean.get(model).get(TutorialReport.ACCURACY), robust.accuracy().get(model));
    }
    report.robustness(robust, REPORT_KEYS, transferAttack());
    Map<String, long[]> captions = new LinkedHashMap<>();
    models.keySet().forEach(m -> captions.put(REPORT_KEYS.get(m), batch0.predictions().get(m)));
    PerturbedExamplesGrid.write(out.resolve(PerturbedExamplesGrid.FILE_NAME),
        String.format(Locale.ROOT,
            "Perturbed test digits, batch 0 (correct: base %d / %d, adv %d / %d)",
            batch0.correct(BASE), size, batch0.correct(ADV), size),
        batch0.images(), batch0.labels(), captions);
    lap("perturbed_evaluation", t);
  }

  /** The transfer attack of the table, as the report describes it. */
  private Map<String, Object> transferAttack() {
    Map<String, Object> attack = new LinkedHashMap<>();
    attack.put("reference_model", "base");
    attack.put("adv_step_size", h.advStepSize());
    attack.put("adv_grad_norm", normName());
    attack.put("pgd_iterations", h.pgdIterations());
    attack.put("pgd_epsilon", h.pgdEpsilon());
    attack.put("mode", "transfer");
    attack.put("clip", "once, after the attack");
    return attack;
  }

  /**
   * Each model's white-box robustness curve (display name → curve): the library's FGSM, PGD with
   * restarts and APGD-CE on the first {@code --curve-limit} test digits, and their worst case,
   * printed as they are measured.
   */
  private Map<String, RobustnessCurve> curves(MnistData data, Map<String, Model> models) {
    int n = Math.min(curveOptions.limit(), data.test().rows());
    FeatureArray x = data.test().get(HParams.IMAGE_KEY).rows(0, n);
    long[] y = Arrays.copyOf(data.test().get(HParams.LABEL_KEY).longs(), n);
    Map<String, Attack> attacks = curveOptions.attacks(perf.inferenceBatchSize());
    System.out.printf(Locale.ROOT, "%nRobustness curve (white-box) on %,d test digits: the"
        + " library's L\u221E attacks on each model, projected onto the \u03B5-ball and clipped"
        + " to [0, 1] at every step: %s and their worst case per digit%n", n,
        String.join(", ", attacks.keySet()));
    Map<String, RobustnessCurve> curves = new LinkedHashMap<>();
    for (Map.Entry<String, Model> m : models.entrySet()) {
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-8s", "eps"));
      attacks.keySet().forEach(a -> header.append(String.format(Locale.ROOT, "%-12s", a)));
      System.out.printf(Locale.ROOT, "%s model%n%s%s%n", m.getKey(), header,
          RobustnessCurve.WORST_CASE);
      long[] t0 = {System.nanoTime()};
      curves.put(m.getKey(), Robustness.robustnessCurve(ModelClassifier.of(m.getValue()),
          attacks, curveOptions.eps(), x, y, true, (eps, accuracy) -> {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-8.3f", eps));
            accuracy.values().forEach(a -> row.append(String.format(Locale.ROOT, "%-12.4f", a)));
            System.out.printf(Locale.ROOT, "%s(%.1f s)%n", row, (System.nanoTime() - t0[0]) / 1e9);
            t0[0] = System.nanoTime();
          }));
    }
    return curves;
  }

  /**
   * Exports each model (display name → model) to {@code --out/models/<report key>}, replacing an
   * earlier export; returns report key → directory relative to {@code --out}.
   */
  private Map<String, String> export(Map<String, Model> models) throws IOException {
    long t = System.nanoTime();
    Map<String, String> dirs = new LinkedHashMap<>();
    for (Map.Entry<String, Model> m : models.entrySet()) {
      String dir = MODELS + "/" + REPORT_KEYS.get(m.getKey());
      ModelExporter.export(m.getValue(), out.resolve(dir), true);
      dirs.put(REPORT_KEYS.get(m.getKey()), dir);
    }
    System.out.printf("%nexported both models as SavedModels to %s%n", out.resolve(MODELS));
    lap("export", t);
    return dirs;
  }

  /**
   * The saved state to continue with {@code --resume} (its checkpoints checked, what an
   * interrupted run left half-written removed), else a fresh one.
   */
  private TrainingState startState(MnistData data, Checkpoints checkpoints) throws IOException {
    Map<String, Object> hparams = new LinkedHashMap<>(h.toMap());
    hparams.remove("epochs");
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("hparams", hparams);
    settings.put("data", DataOptions.describe(data));
    if (!resume) {
      if (Files.exists(checkpoints.dir())) {
        System.out.println("note: starting over; the checkpoints in " + checkpoints.dir()
            + " are replaced (--resume continues them)");
      }
      return new TrainingState(settings);
    }
    TrainingState saved = checkpoints.readState().orElse(null);
    if (saved == null) {
      System.out.println("note: --resume found no checkpoints in " + checkpoints.dir()
          + "; starting from the beginning");
      checkpoints.clear();
      return new TrainingState(settings);
    }
    Map<String, Integer> done = new LinkedHashMap<>();
    for (String phase : Checkpoints.PHASES) {
      done.put(phase, checkpoints.epochsDone(phase));
    }
    saved.checkResumable(settings, h.epochs(), done, checkpoints.dir());
    List<String> stale = checkpoints.removeStaleFiles();
    if (!stale.isEmpty()) {
      System.out.println("note: removed " + stale + ", left in " + checkpoints.dir()
          + " by an interrupted run");
    }
    return saved;
  }

  /** Removes the temporary files and folders an interrupted run left in --out; says which. */
  private static void removeStale(OutputDirectory output) throws IOException {
    List<String> stale = output.removeStaleTemporaries();
    if (!stale.isEmpty()) {
      System.out.println("note: removed " + stale + ", left in " + output.dir()
          + " by an interrupted run");
    }
  }

  /** The training perturbation's norm as the report names it ({@code infinity}, {@code l2}...). */
  private String normName() {
    return h.training().normName();
  }

  private static void printAccuracy(String model, Map<String, Double> evaluation) {
    System.out.printf(Locale.ROOT, "%s model test accuracy: %.4f%n", model,
        evaluation.get(TutorialReport.ACCURACY));
  }

  private double lap(String stage, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    wallSeconds.put(stage, seconds);
    return seconds;
  }
}
