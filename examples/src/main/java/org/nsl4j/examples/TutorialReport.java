package org.nsl4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nsl4j.keras.datasets.MnistData;

/**
 * {@code report.json} of a tutorial run: the hyperparameters, the data, and for each model
 * ({@code base}, {@code adv}) its training history and time, clean and perturbed accuracy; the
 * perturbation settings, the robustness curve and the wall times. Written atomically.
 */
final class TutorialReport {

  /** Accuracy as the compiled models report it. */
  static final String ACCURACY = "sparse_categorical_accuracy";

  private final Map<String, Object> root = new LinkedHashMap<>();

  TutorialReport(HParams h, MnistData data, Path config) {
    root.put("hparams", h.toMap());
    root.put("config_file", config == null ? null : config.toString());
    root.put("data", DataOptions.describe(data));
  }

  /** The section of model {@code key}: its training and its clean test evaluation. */
  void model(String key, TrainingState.Phase training, Map<String, Double> cleanEvaluation) {
    Map<String, Object> m = section(key);
    m.put("clean_accuracy", cleanEvaluation.get(ACCURACY));
    m.put("clean_evaluation", cleanEvaluation);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("epochs", training.epochsDone);
    t.put("steps", training.steps);
    t.put("wall_seconds", training.trainSeconds);
    t.put("ms_per_step", training.msPerStep());
    m.put("training", t);
    m.put("history", training.history);
  }

  /**
   * The tutorial's robustness measurement.
   *
   * @param keys model name in {@code result} → report key
   * @param attack how the reference model perturbed the test digits
   */
  void robustness(RobustnessEvaluation.Result result, Map<String, String> keys,
      Map<String, Object> attack) {
    Map<String, Object> p = new LinkedHashMap<>(attack);
    p.put("test_digits", result.examples());
    Map<String, Object> batch0 = new LinkedHashMap<>();
    batch0.put("size", result.firstBatch().labels().length);
    keys.forEach((name, key) -> {
      section(key).put("perturbed_accuracy", result.accuracy().get(name));
      batch0.put(key + "_correct", result.firstBatch().correct(name));
    });
    p.put("batch_0", batch0);
    root.put("perturbation", p);
  }

  /** The robustness curve: model key → attack → ε → accuracy. */
  void curve(RobustnessCurve.Points points, Map<String, String> keys, CurveOptions options,
      double seconds) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("test_digits", points.examples());
    c.put("norm", "infinity");
    c.put("clip", List.of(0.0, 1.0));
    c.put("fgsm", "one step of size eps");
    c.put("pgd", options.pgdIterations() + " steps of " + LinfAttack.PGD_STEP_FACTOR
        + "*eps/" + options.pgdIterations() + ", projected onto the eps-ball");
    c.put("pgd_iterations", options.pgdIterations());
    Map<String, Object> accuracy = new LinkedHashMap<>();
    points.accuracy().forEach((name, byAttack) -> {
      Map<String, Object> attacks = new LinkedHashMap<>();
      byAttack.forEach((attack, xy) -> attacks.put(attack.key(), byEps(xy)));
      accuracy.put(keys.get(name), attacks);
    });
    c.put("accuracy", accuracy);
    c.put("wall_seconds", seconds);
    root.put("robustness_curve", c);
  }

  /** Wall times of this run's stages, in seconds. */
  void wallSeconds(Map<String, Double> stages) {
    root.put("wall_seconds", stages);
  }

  /** How TensorFlow ran: precision policy, threads, inference batch size. */
  void performance(Map<String, Object> options) {
    root.put("performance", options);
  }

  /** The exported SavedModels: report key → directory relative to the output directory. */
  void models(Map<String, String> dirs) {
    root.put("models", dirs);
  }

  /** The files written, relative to the output directory. */
  void outputs(Map<String, String> files) {
    root.put("outputs", files);
  }

  void write(Path file) throws IOException {
    Reports.write(file, root);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> section(String key) {
    return (Map<String, Object>) root.computeIfAbsent(key, k -> new LinkedHashMap<>());
  }

  private static Map<String, Double> byEps(TreeMap<Double, Double> xy) {
    Map<String, Double> m = new LinkedHashMap<>();
    xy.forEach((eps, acc) -> m.put(Double.toString(eps), acc));
    return m;
  }
}
