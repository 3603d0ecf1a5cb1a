package org.nsl4j.keras.callbacks;

import java.util.Map;
import org.nsl4j.keras.models.Model;

/**
 * Stops training as soon as the loss becomes NaN or infinite, as Keras's {@code TerminateOnNaN}:
 * it prints which batch diverged and asks the model to stop after it. {@code fit} then returns
 * normally; {@link #terminated()} and {@link #reason()} say what happened.
 *
 * <pre>{@code
 * TerminateOnNaN nan = new TerminateOnNaN();
 * model.fit(train, FitOptions.epochs(5).callback(nan));
 * if (nan.terminated()) {
 *   throw new ArithmeticException(nan.reason() + "; lower the learning rate");
 * }
 * }</pre>
 */
public final class TerminateOnNaN implements Callback {

  private Model model;
  private int epoch;
  private String reason;

  @Override
  public void setModel(Model model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    reason = null;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    this.epoch = epoch;
  }

  @Override
  public void onBatchEnd(int batch, Map<String, Double> logs) {
    Double loss = logs.get("loss");
    if (loss != null && !Double.isFinite(loss) && reason == null) {
      System.out.println("Batch " + batch + ": Invalid loss, terminating training");
      reason = "training diverged in epoch " + (epoch + 1) + ", batch " + (batch + 1)
          + ": the loss is " + loss + " (" + logs + ")";
      model.setStopTraining(true);
    }
  }

  /** Whether the last fit was stopped because the loss was not finite. */
  public boolean terminated() {
    return reason != null;
  }

  /** Where and how training diverged, or null when it did not. */
  public String reason() {
    return reason;
  }
}
