package org.nsl4j.examples.tutorial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.examples.cli.DataOptions;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.robustness.RobustnessCurve;

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
  void model(String key, TrainingState.Phase times, History history,
      Map<String, Double> cleanEvaluation) {
    Map<String, Object> m = section(key);
    m.put("clean_accuracy", cleanEvaluation.get(ACCURACY));
    m.put("clean_evaluation", cleanEvaluation);
    int epochs = history.epochs().size();
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("epochs", epochs);
    t.put("steps", epochs * times.stepsPerEpoch);
    t.put("wall_seconds", times.trainSeconds(epochs));
    t.put("ms_per_step", times.msPerStep(epochs));
    m.put("training", t);
    m.put("history", history.history());
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

  /**
   * The white-box robustness curves: model key → attack key → ε → accuracy, with each attack's
   * parameters.
   */
  void curve(Map<String, RobustnessCurve> curves, Map<String, String> keys, CurveOptions options,
      int batchSize, double seconds) {
    Map<String, Object> c = new LinkedHashMap<>();
    RobustnessCurve first = curves.values().iterator().next();
    c.put("test_digits", first.examples());
    c.put("mode", "white-box");
    c.put("norm", "infinity");
    c.put("clip_values", List.of(0.0, 1.0));
    c.put("clip", "every step");
    Map<String, Object> attacks = new LinkedHashMap<>();
    options.attacks(batchSize).forEach((label, attack) -> {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("label", label);
      a.put("name", attack.name());
      a.putAll(attack.params());
      a.remove("eps");
      attacks.put(attack.name(), a);
    });
    attacks.put(RobustnessCurve.WORST_CASE, Map.of("label", RobustnessCurve.WORST_CASE,
        "description", "per digit, robust only if robust under every attack above"));
    c.put("attacks", attacks);
    c.put("pgd_iterations", options.pgdIterations());
    List<String> attackKeys = new java.util.ArrayList<>(attacks.keySet());
    Map<String, Object> accuracy = new LinkedHashMap<>();
    curves.forEach((name, curve) -> {
      Map<String, Object> byAttack = new LinkedHashMap<>();
      int i = 0;
      for (double[] values : curve.accuracy().values()) {
        Map<String, Double> byEps = new LinkedHashMap<>();
        for (int p = 0; p < values.length; p++) {
          byEps.put(Double.toString(curve.eps()[p]), values[p]);
        }
        byAttack.put(attackKeys.get(i++), byEps);
      }
      accuracy.put(keys.get(name), byAttack);
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
}
