package org.nsl4j.keras.callbacks;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.models.Model;

/**
 * The callbacks of one {@code fit} call, called in order, as Keras's {@code CallbackList}. It
 * gives each callback the model and tells the training loop when one asked to stop.
 */
public final class CallbackList {

  private final List<Callback> callbacks;
  private final Model model;

  /** The callbacks of a fit of {@code model}; each is given the model now. */
  public CallbackList(List<Callback> callbacks, Model model) {
    this.callbacks = List.copyOf(callbacks);
    this.model = model;
    this.callbacks.forEach(c -> c.setModel(model));
  }

  /** The history the running fit records into ({@code model.history()}). */
  public History history() {
    return model.history();
  }

  /** Whether a callback asked to stop training. */
  public boolean stopTraining() {
    return model.isStopTraining();
  }

  public void onTrainBegin() {
    callbacks.forEach(c -> c.onTrainBegin(Map.of()));
  }

  public void onTrainEnd(Map<String, Double> logs) {
    Map<String, Double> view = Collections.unmodifiableMap(logs);
    callbacks.forEach(c -> c.onTrainEnd(view));
  }

  public void onEpochBegin(int epoch) {
    callbacks.forEach(c -> c.onEpochBegin(epoch, Map.of()));
  }

  /** Calls every callback with the same mutable {@code logs}. */
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    callbacks.forEach(c -> c.onEpochEnd(epoch, logs));
  }

  public void onBatchBegin(int batch) {
    callbacks.forEach(c -> c.onBatchBegin(batch, Map.of()));
  }

  public void onBatchEnd(int batch, Map<String, Double> logs) {
    Map<String, Double> view = Collections.unmodifiableMap(logs);
    callbacks.forEach(c -> c.onBatchEnd(batch, view));
  }

  public void onTestBegin() {
    callbacks.forEach(c -> c.onTestBegin(Map.of()));
  }

  public void onTestEnd(Map<String, Double> logs) {
    Map<String, Double> view = Collections.unmodifiableMap(logs);
    callbacks.forEach(c -> c.onTestEnd(view));
  }

  /** Whether there are no callbacks (the loop then skips building per-batch logs). */
  public boolean isEmpty() {
    return callbacks.isEmpty();
  }
}
