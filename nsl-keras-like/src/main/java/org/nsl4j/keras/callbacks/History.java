package org.nsl4j.keras.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code fit} returns: each metric's value per epoch, as Keras's {@code History}. */
public final class History {

  private final List<Integer> epochs = new ArrayList<>();
  private final Map<String, List<Double>> history = new LinkedHashMap<>();

  /** Records the metrics of {@code epoch} (counted from 0). */
  public void record(int epoch, Map<String, Double> logs) {
    epochs.add(epoch);
    logs.forEach((k, v) -> history.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
  }

  /** The epochs run, counted from 0. */
  public List<Integer> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** Metric name → one value per epoch, in Keras order. */
  public Map<String, List<Double>> history() {
    return Collections.unmodifiableMap(history);
  }

  /** The values of one metric, per epoch. */
  public List<Double> get(String metric) {
    List<Double> values = history.get(metric);
    if (values == null) {
      throw new IllegalArgumentException(
          "no metric '" + metric + "' in this history (it has " + history.keySet() + ")");
    }
    return Collections.unmodifiableList(values);
  }

  /** The last epoch's value of {@code metric}. */
  public double last(String metric) {
    List<Double> values = get(metric);
    return values.get(values.size() - 1);
  }
}
