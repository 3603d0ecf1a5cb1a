package org.nsl4j.examples;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.examples.LinfAttack.Kind;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/**
 * Accuracy of each model under white-box L∞ attacks on itself, for a range of ε: the {@link
 * LinfAttack}s FGSM and PGD ({@code --curve-pgd-iterations} steps), both through {@code
 * perturbOnBatch} overrides of a wrapper around the model and clipped to [0, 1]. At ε = 0 both
 * are the clean accuracy.
 */
final class RobustnessCurve {

  /**
   * The measured points.
   *
   * @param examples number of test digits attacked
   * @param accuracy model name → attack → ε (ascending) → accuracy
   */
  record Points(int examples, Map<String, Map<Kind, TreeMap<Double, Double>>> accuracy) {}

  private final CurveOptions options;
  private final int batchSize;

  RobustnessCurve(CurveOptions options, int batchSize) {
    this.options = options;
    this.batchSize = batchSize;
  }

  /** The config overrides of {@code attack} at radius {@code eps}. */
  UnaryOperator<AdvNeighborConfig.Builder> overrides(Kind attack, double eps) {
    return LinfAttack.of(attack, eps, options.pgdIterations()).overrides();
  }

  /**
   * Attacks the first {@code --curve-limit} digits of {@code test} through each wrapper (model
   * name → wrapper of that model), printing one row per ε to {@code out}.
   */
  Points compute(Map<String, AdversarialRegularization> wrappers, Features test, PrintStream out) {
    int n = Math.min(options.limit(), test.rows());
    Dataset digits = Dataset.fromTensorSlices(test.gather(range(n))).batch(batchSize);
    Map<String, Map<Kind, TreeMap<Double, Double>>> accuracy = new LinkedHashMap<>();
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-6s", "eps"));
    for (String model : wrappers.keySet()) {
      Map<Kind, TreeMap<Double, Double>> byAttack = new EnumMap<>(Kind.class);
      for (Kind a : Kind.values()) {
        byAttack.put(a, new TreeMap<>());
        header.append(String.format(Locale.ROOT, "  %-22s", model + " " + label(a)));
      }
      accuracy.put(model, byAttack);
    }
    out.println(header.toString().stripTrailing());
    for (double eps : options.eps()) {
      long t0 = System.nanoTime();
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6.3f", eps));
      for (Map.Entry<String, AdversarialRegularization> w : wrappers.entrySet()) {
        for (Kind a : Kind.values()) {
          double acc = accuracy(w.getValue(), digits, a, eps);
          accuracy.get(w.getKey()).get(a).put(eps, acc);
          row.append(String.format(Locale.ROOT, "  %-22.4f", acc));
        }
      }
      out.printf(Locale.ROOT, "%s(%.1f s)%n", row, (System.nanoTime() - t0) / 1e9);
      out.flush();
    }
    return new Points(n, accuracy);
  }

  /** {@code FGSM} or {@code PGD-<iterations>}. */
  String label(Kind attack) {
    return LinfAttack.of(attack, 0, options.pgdIterations()).label();
  }

  private double accuracy(AdversarialRegularization wrapper, Dataset digits, Kind attack,
      double eps) {
    int correct = 0;
    int total = 0;
    for (Features batch : digits) {
      FeatureArray images = eps == 0 ? batch.get(HParams.IMAGE_KEY)
          : ClippedAttack.images(wrapper, batch, overrides(attack, eps));
      long[] labels = batch.get(HParams.LABEL_KEY).longs();
      correct += Predictions.correct(Predictions.classes(wrapper.baseModel(), images), labels);
      total += labels.length;
    }
    return correct / (double) total;
  }

  private static int[] range(int n) {
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    return index;
  }
}
