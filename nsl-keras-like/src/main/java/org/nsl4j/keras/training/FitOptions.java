package org.nsl4j.keras.training;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.callbacks.Callback;
import org.nsl4j.keras.data.Dataset;

/** Keras's {@code fit} arguments: epochs, verbosity, initial epoch, callbacks, validation data. */
public final class FitOptions {

  private int epochs = 1;
  private int verbose = 1;
  private int initialEpoch;
  private Dataset validationData;
  private final List<Callback> callbacks = new ArrayList<>();

  private FitOptions() {}

  /** Options for {@code epochs} epochs, verbose 1. */
  public static FitOptions epochs(int epochs) {
    return new FitOptions().withEpochs(epochs);
  }

  /** Index of the last epoch to run, exclusive (Keras's {@code epochs}). */
  public FitOptions withEpochs(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    this.epochs = epochs;
    return this;
  }

  /** 0 = silent, 1 = progress bar, 2 = one line per epoch. */
  public FitOptions verbose(int verbose) {
    if (verbose < 0 || verbose > 2) {
      throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
    }
    this.verbose = verbose;
    return this;
  }

  /** Epoch to start from, to resume a run (Keras's {@code initial_epoch}). */
  public FitOptions initialEpoch(int initialEpoch) {
    if (initialEpoch < 0) {
      throw new IllegalArgumentException("initialEpoch must be >= 0, got " + initialEpoch);
    }
    this.initialEpoch = initialEpoch;
    return this;
  }

  /** Data evaluated after each epoch; its metrics are logged with a {@code val_} prefix. */
  public FitOptions validationData(Dataset validationData) {
    this.validationData = validationData;
    return this;
  }

  /** Adds callbacks, called in the order added (see {@link Callback}). */
  public FitOptions callback(Callback... more) {
    callbacks.addAll(List.of(more));
    return this;
  }

  public int epochs() {
    return epochs;
  }

  public int verbose() {
    return verbose;
  }

  public int initialEpoch() {
    return initialEpoch;
  }

  public Dataset validationData() {
    return validationData;
  }

  public List<Callback> callbacks() {
    return List.copyOf(callbacks);
  }
}
