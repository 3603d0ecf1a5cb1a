package org.nsl4j.keras.callbacks;

import java.util.List;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;

/**
 * Stops training when a monitored metric has stopped improving, as Keras's {@code
 * EarlyStopping}. Each epoch without an improvement of more than {@code minDelta} counts
 * towards {@code patience}; when the count reaches it (never in the first epoch), training stops.
 * With a {@code baseline}, an improvement resets the count only if it also beats the baseline.
 * With {@code restoreBestWeights}, the model ends with the weights of its best epoch (from the
 * first epoch on, even if nothing improved).
 *
 * <pre>{@code
 * EarlyStopping stop = new EarlyStopping().monitor("val_loss").patience(3)
 *     .restoreBestWeights(true);
 * History h = model.fit(train, FitOptions.epochs(100).validationData(val).callback(stop));
 * // h.epochs().size() < 100 when the validation loss stalled for 3 epochs
 * }</pre>
 */
public final class EarlyStopping implements Callback {

  private String monitor = "val_loss";
  private double minDelta;
  private int patience;
  private MonitorMode mode = MonitorMode.AUTO;
  private Double baseline;
  private boolean restoreBestWeights;
  private int startFromEpoch;
  private int verbose;

  private Model model;
  private Monitor watched;
  private int wait;
  private int stoppedEpoch;
  private int bestEpoch;
  private double best;
  private List<FeatureArray> bestWeights;

  /** The metric watched (default {@code val_loss}). */
  public EarlyStopping monitor(String monitor) {
    this.monitor = monitor;
    return this;
  }

  /** The smallest change that counts as an improvement (default 0). */
  public EarlyStopping minDelta(double minDelta) {
    this.minDelta = Math.abs(minDelta);
    return this;
  }

  /** Epochs without improvement after which training stops (default 0). */
  public EarlyStopping patience(int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    this.patience = patience;
    return this;
  }

  /** Whether the metric should fall or rise (default: from its name). */
  public EarlyStopping mode(MonitorMode mode) {
    this.mode = mode;
    return this;
  }

  /** A value the metric must beat for an improvement to reset the patience count. */
  public EarlyStopping baseline(double baseline) {
    this.baseline = baseline;
    return this;
  }

  /** Whether to end with the weights of the best epoch (default false). */
  public EarlyStopping restoreBestWeights(boolean restore) {
    this.restoreBestWeights = restore;
    return this;
  }

  /** Epochs to let pass before watching (default 0). */
  public EarlyStopping startFromEpoch(int epoch) {
    this.startFromEpoch = epoch;
    return this;
  }

  /** 1 prints when training stops and when best weights are restored (default 0). */
  public EarlyStopping verbose(int verbose) {
    this.verbose = verbose;
    return this;
  }

  @Override
  public void setModel(Model model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    watched = new Monitor(monitor, mode, minDelta);
    wait = 0;
    stoppedEpoch = -1;
    bestEpoch = 0;
    best = watched.worst();
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Double current = watched.valueIn(logs, "EarlyStopping");
    if (current == null || epoch < startFromEpoch) {
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      bestWeights = model.getWeights();
      bestEpoch = epoch;
    }
    wait++;
    if (watched.improves(current, best)) {
      best = current;
      bestEpoch = epoch;
      if (restoreBestWeights) {
        bestWeights = model.getWeights();
      }
      if (baseline == null || watched.improves(current, baseline)) {
        wait = 0;
        return;
      }
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      model.setStopTraining(true);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (stoppedEpoch >= 0 && verbose > 0) {
      System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
    }
    if (restoreBestWeights && bestWeights != null) {
      if (verbose > 0) {
        System.out.println("Restoring model weights from the end of the best epoch: "
            + (bestEpoch + 1) + ".");
      }
      model.setWeights(bestWeights);
    }
  }

  /** The epoch (from 0) in which training was stopped, or -1 when it was not. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The epoch (from 0) with the best value of the metric. */
  public int bestEpoch() {
    return bestEpoch;
  }
}
