package org.nsl4j.keras.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/**
 * Robustness metrics (ART's {@code art.metrics}): accuracy under attack, example by example, over
 * a range of ε, and the smallest ε that fools each example.
 */
public final class Robustness {

  /** Told each point of a robustness curve as it is measured. */
  @FunctionalInterface
  public interface CurveListener {
    /** The accuracy of every curve (worst case included) at radius {@code eps}. */
    void point(double eps, Map<String, Double> accuracy);
  }

  private Robustness() {}

  /**
   * The accuracy of {@code classifier} on {@code data} attacked by {@code attack} (ART's {@code
   * adversarial_accuracy}): the share of examples still classified correctly, over all examples.
   *
   * @param data batched {@code (x, y)} tuples, as Keras's {@code evaluate} takes them
   */
  public static double adversarialAccuracy(Classifier classifier, Attack attack, Dataset data) {
    return evaluate(classifier, attack, data, false).adversarialAccuracy();
  }

  /** Per-example results on batched {@code (x, y)} tuples; {@code keep} keeps the examples. */
  public static Evaluation evaluate(Classifier classifier, Attack attack, Dataset data,
      boolean keep) {
    Features all = collect(data, Features.X, Features.Y);
    return evaluate(classifier, attack, all.get(Features.X), all.get(Features.Y).longs(), keep);
  }

  /** Per-example results on inputs {@code x} of true {@code labels}. */
  public static Evaluation evaluate(Classifier classifier, Attack attack, FeatureArray x,
      long[] labels, boolean keep) {
    AttackOutcome o = attack.generate(classifier, x, labels);
    List<ExampleResult> results = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      results.add(new ExampleResult(i, labels[i], o.cleanPredictions()[i], o.predictions()[i],
          keep ? o.adversarial().rows(i, i + 1) : null));
    }
    return new Evaluation(attack.name(), attack.params(), results);
  }

  /**
   * Accuracy under each attack (label → attack) at each radius of {@code eps} (0 = clean), and,
   * if {@code worstCase}, under their worst case per example. Each attack's graphs are built once
   * and reused for every ε.
   */
  public static RobustnessCurve robustnessCurve(Classifier classifier,
      Map<String, ? extends Attack> attacks, double[] eps, FeatureArray x, long[] labels,
      boolean worstCase, CurveListener listener) {
    double[] radii = Arrays.stream(eps).sorted().distinct().toArray();
    for (double e : radii) {
      if (!(e >= 0) || !Double.isFinite(e)) {
        throw new IllegalArgumentException("eps values must be finite and >= 0, got " + e);
      }
    }
    if (attacks.isEmpty()) {
      throw new IllegalArgumentException("a robustness curve needs at least one attack");
    }
    attacks.values().forEach(a -> a.check(classifier));
    Checks.inputs(classifier, x, labels, "labels");
    Map<String, double[]> accuracy = new LinkedHashMap<>();
    attacks.keySet().forEach(name -> accuracy.put(name, new double[radii.length]));
    if (worstCase) {
      accuracy.put(RobustnessCurve.WORST_CASE, new double[radii.length]);
    }
    for (int p = 0; p < radii.length; p++) {
      boolean[] robust = new boolean[labels.length];
      Arrays.fill(robust, true);
      Map<String, Double> point = new LinkedHashMap<>();
      for (Map.Entry<String, ? extends Attack> a : attacks.entrySet()) {
        long[] predicted = radii[p] == 0 ? predictions(classifier, x)
            : a.getValue().withEps((float) radii[p]).generate(classifier, x, labels).predictions();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
          boolean ok = predicted[i] == labels[i];
          robust[i] &= ok;
          correct += ok ? 1 : 0;
        }
        accuracy.get(a.getKey())[p] = correct / (double) labels.length;
        point.put(a.getKey(), accuracy.get(a.getKey())[p]);
      }
      if (worstCase) {
        accuracy.get(RobustnessCurve.WORST_CASE)[p] = share(robust);
        point.put(RobustnessCurve.WORST_CASE, share(robust));
      }
      if (listener != null) {
        listener.point(radii[p], point);
      }
    }
    return new RobustnessCurve(labels.length, radii, accuracy);
  }

  /**
   * For each example, the smallest ε (to a precision of {@code maxEps / 2^steps}) at which {@code
   * attack} fools the classifier, found by bisection on every example at once: 0 for an example
   * already misclassified, {@code Float.POSITIVE_INFINITY} if even {@code maxEps} does not fool it.
   */
  public static float[] minimalEps(Classifier classifier, Attack attack, FeatureArray x,
      long[] labels, float maxEps, int steps) {
    Checks.positive("maxEps", maxEps);
    Checks.atLeast("steps", steps, 1);
    int n = labels.length;
    float[] lo = new float[n];
    float[] hi = new float[n];
    Arrays.fill(hi, maxEps);
    boolean[] fooledAtMax = attack.generate(classifier, x, labels, null, hi.clone(), null)
        .success();
    long[] clean = predictions(classifier, x);
    for (int s = 0; s < steps; s++) {
      float[] mid = new float[n];
      for (int i = 0; i < n; i++) {
        mid[i] = (lo[i] + hi[i]) / 2;
      }
      boolean[] fooled = attack.generate(classifier, x, labels, null, mid, null).success();
      for (int i = 0; i < n; i++) {
        if (fooled[i]) {
          hi[i] = mid[i];
        } else {
          lo[i] = mid[i];
        }
      }
    }
    float[] result = new float[n];
    for (int i = 0; i < n; i++) {
      result[i] = clean[i] != labels[i] ? 0f : fooledAtMax[i] ? hi[i] : Float.POSITIVE_INFINITY;
    }
    return result;
  }

  /** Batched features with keys {@code xKey} and {@code yKey}, joined into one. */
  public static Features collect(Dataset data, String xKey, String yKey) {
    List<Features> parts = new ArrayList<>();
    for (Features batch : data) {
      parts.add(Features.of(Features.X, batch.get(xKey), Features.Y, batch.get(yKey)));
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("the dataset has no batches");
    }
    return Features.concat(parts);
  }

  /** The classifier's predicted class of each input. */
  public static long[] predictions(Classifier classifier, FeatureArray x) {
    float[] scores = classifier.logits(x).floats();
    long[] out = new long[x.rows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Tracker.argmax(scores, i, classifier.numClasses());
    }
    return out;
  }

  private static double share(boolean[] flags) {
    int c = 0;
    for (boolean f : flags) {
      c += f ? 1 : 0;
    }
    return flags.length == 0 ? 0 : c / (double) flags.length;
  }
}
