package org.nsl4j.keras.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.metrics.Metric;
import org.nsl4j.keras.optimizers.Optimizer;

/**
 * What {@code compile} configures, as Keras's {@code compile(optimizer, loss, metrics,
 * loss_weights)}: the optimizer, and for each output its loss, loss weight and metrics. One loss
 * and metric list may be shared by every output, or each output named in maps. The maps are
 * matched to the model's output names when its training graph is built ({@link #resolve}).
 */
public final class CompileConfig {

  private final Optimizer optimizer;
  private final Loss sharedLoss;
  private final List<Metric> sharedMetrics;
  private final Map<String, Loss> losses;
  private final Map<String, Double> lossWeights;
  private final Map<String, List<Metric>> metrics;

  private CompileConfig(Optimizer optimizer, Loss sharedLoss, List<Metric> sharedMetrics,
      Map<String, Loss> losses, Map<String, Double> lossWeights,
      Map<String, List<Metric>> metrics) {
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.sharedLoss = sharedLoss;
    this.sharedMetrics = sharedMetrics;
    this.losses = losses;
    this.lossWeights = lossWeights;
    this.metrics = metrics;
  }

  /** One loss and one metric list for every output (the usual single-output case). */
  public static CompileConfig of(Optimizer optimizer, Loss loss, List<Metric> metrics) {
    return new CompileConfig(optimizer, Objects.requireNonNull(loss, "loss"),
        List.copyOf(metrics), Map.of(), Map.of(), Map.of());
  }

  /**
   * A loss per output name, optional loss weights (1 when absent) and metrics per output name
   * (none when absent), as Keras's dictionary arguments.
   */
  public static CompileConfig of(Optimizer optimizer, Map<String, Loss> losses,
      Map<String, Double> lossWeights, Map<String, List<Metric>> metrics) {
    if (losses.isEmpty()) {
      throw new IllegalArgumentException("compile needs a loss for at least one output");
    }
    Map<String, List<Metric>> m = new LinkedHashMap<>();
    metrics.forEach((k, v) -> m.put(k, List.copyOf(v)));
    return new CompileConfig(optimizer, null, null, new LinkedHashMap<>(losses),
        new LinkedHashMap<>(lossWeights), m);
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  /** The loss shared by every output, or null when each output has its own. */
  public Loss sharedLoss() {
    return sharedLoss;
  }

  /** The metrics shared by every output, or null when given per output. */
  public List<Metric> sharedMetrics() {
    return sharedMetrics;
  }

  /**
   * Each output's loss, weight and metrics, in output order.
   *
   * @throws IllegalArgumentException if a map names an output the model does not have, or misses
   *     the loss of one it has
   */
  public List<OutputTarget> resolve(List<String> outputNames) {
    if (new HashSet<>(outputNames).size() != outputNames.size()) {
      throw new IllegalArgumentException("the model's outputs have repeated names " + outputNames
          + "; compile needs one name per output");
    }
    checkKeys("loss", losses.keySet(), outputNames);
    checkKeys("lossWeights", lossWeights.keySet(), outputNames);
    checkKeys("metrics", metrics.keySet(), outputNames);
    List<OutputTarget> targets = new ArrayList<>();
    for (String name : outputNames) {
      Loss loss = sharedLoss != null ? sharedLoss : losses.get(name);
      if (loss == null) {
        throw new IllegalArgumentException("no loss for output '" + name + "' (losses are given"
            + " for " + losses.keySet() + ")");
      }
      List<Metric> ms =
          sharedMetrics != null ? sharedMetrics : metrics.getOrDefault(name, List.of());
      targets.add(new OutputTarget(name, loss, lossWeights.getOrDefault(name, 1.0), ms));
    }
    return targets;
  }

  private static void checkKeys(String what, Set<String> keys, List<String> outputNames) {
    for (String key : keys) {
      if (!outputNames.contains(key)) {
        throw new IllegalArgumentException(
            what + " names output '" + key + "', but the model's outputs are " + outputNames);
      }
    }
  }

  /** One output's part of the compiled objective. */
  public record OutputTarget(String name, Loss loss, double weight, List<Metric> metrics) {}
}
