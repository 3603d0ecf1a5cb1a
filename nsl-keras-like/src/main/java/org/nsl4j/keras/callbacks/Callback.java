package org.nsl4j.keras.callbacks;

import java.util.Map;
import org.nsl4j.keras.models.Model;

/**
 * Hooks into {@code fit}, as Keras callbacks: every method does nothing unless overridden. {@code
 * fit} calls {@link #setModel} first, then, in order, {@code onTrainBegin}; for each epoch {@code
 * onEpochBegin}, {@code onBatchBegin}/{@code onBatchEnd} around every training batch, {@code
 * onTestBegin}/{@code onTestEnd} around validation, {@code onEpochEnd}; and {@code onTrainEnd}
 * when training finished (not when it failed). Epochs and batches count from 0.
 *
 * <p>The logs map holds metric name → value: the running means of the epoch so far at {@code
 * onBatchEnd}, the epoch's means (with {@code val_} metrics) at {@code onEpochEnd}, where a
 * callback may add entries (they reach the history and the callbacks after it), and the last
 * epoch's at {@code onTrainEnd}. A callback stops training with {@code
 * model.setStopTraining(true)}; it takes effect after the current batch.
 */
public interface Callback {

  /** The model being trained, given before {@link #onTrainBegin}. */
  default void setModel(Model model) {}

  default void onTrainBegin(Map<String, Double> logs) {}

  default void onTrainEnd(Map<String, Double> logs) {}

  default void onEpochBegin(int epoch, Map<String, Double> logs) {}

  /** Called after each epoch with its metrics; entries added here are recorded too. */
  default void onEpochEnd(int epoch, Map<String, Double> logs) {}

  default void onBatchBegin(int batch, Map<String, Double> logs) {}

  default void onBatchEnd(int batch, Map<String, Double> logs) {}

  /** Called before the validation pass at the end of an epoch. */
  default void onTestBegin(Map<String, Double> logs) {}

  /** Called after the validation pass with its metrics (without the {@code val_} prefix). */
  default void onTestEnd(Map<String, Double> logs) {}
}
