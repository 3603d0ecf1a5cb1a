package org.nsl4j.examples.tutorial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.nsl4j.keras.callbacks.Callback;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.callbacks.TerminateOnNaN;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.training.FitOptions;

/**
 * Trains one phase of the tutorial (the base or the adversarially regularized model) with a
 * {@code BackupAndRestore} backup after every epoch. A phase that stopped early resumes after its
 * last finished epoch, with the optimizer state, history and shuffled order it would have had; a
 * phase that is done only has its weights restored. A diverging loss stops training with a clear
 * error ({@code TerminateOnNaN}).
 */
final class PhaseTraining {

  private final Checkpoints checkpoints;
  private final TrainingState state;

  PhaseTraining(Checkpoints checkpoints, TrainingState state) {
    this.checkpoints = checkpoints;
    this.state = state;
  }

  /** The run's saved state, updated as phases train. */
  TrainingState state() {
    return state;
  }

  /**
   * Brings {@code phase} to {@code epochs} epochs and returns its whole history.
   *
   * @param trainee the model or wrapper trained and checkpointed
   * @param train the shuffled training batches (one pass per epoch)
   */
  History run(String phase, String title, Model trainee, Dataset train, int epochs)
      throws IOException {
    int done = checkpoints.epochsDone(phase);
    if (done >= epochs) {
      System.out.printf(Locale.ROOT, "%n%s: %d/%d epochs already done, weights restored from %s%n",
          title, done, epochs, checkpoints.dir().resolve(phase));
    } else {
      System.out.printf(Locale.ROOT, "%n%s%s%n", title, done == 0 ? ""
          : String.format(Locale.ROOT, ": resuming after epoch %d/%d", done, epochs));
    }
    TrainingState.Phase times = state.phase(phase);
    times.stepsPerEpoch = train.cardinality();
    TerminateOnNaN nan = new TerminateOnNaN();
    History history = trainee.fit(train, FitOptions.epochs(epochs)
        .callback(nan, new EpochTimer(times), checkpoints.backup(phase)));
    Experiments.failIfDiverged(nan);
    return history;
  }

  /** Records how long each epoch took (before its backup) and saves the state. */
  private final class EpochTimer implements Callback {
    private final TrainingState.Phase times;
    private long start;

    EpochTimer(TrainingState.Phase times) {
      this.times = times;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
      start = System.nanoTime();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
      times.epochSeconds.put(epoch, (System.nanoTime() - start) / 1e9);
      try {
        checkpoints.writeState(state);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the training state in " + checkpoints.dir()
            + ": " + e.getMessage(), e);
      }
    }
  }
}
