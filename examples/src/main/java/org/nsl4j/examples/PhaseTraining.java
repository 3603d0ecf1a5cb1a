package org.nsl4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.training.FitOptions;
import org.nsl4j.keras.training.Trainable;

/**
 * Trains one phase of the tutorial (the base or the adversarially regularized model) with a
 * checkpoint after every epoch. A phase that stopped early resumes after its last finished epoch
 * (Keras's {@code initial_epoch}), with the shuffled order the next epoch would have had; a phase
 * that is done only has its weights restored.
 *
 * <p>The checkpoints hold the weights and the optimizer's slots, so a resumed phase continues
 * exactly as an uninterrupted one would.
 */
final class PhaseTraining {

  private final Checkpoints checkpoints;
  private final TrainingState state;

  PhaseTraining(Checkpoints checkpoints, TrainingState state) {
    this.checkpoints = checkpoints;
    this.state = state;
  }

  /**
   * Brings {@code phase} to {@code epochs} epochs.
   *
   * @param trainee the model or wrapper trained and checkpointed
   * @param train the shuffled training batches (one pass per epoch)
   */
  void run(String phase, String title, Trainable trainee, Dataset train, int epochs)
      throws IOException {
    TrainingState.Phase progress = state.phase(phase);
    int done = progress.epochsDone;
    if (done > 0) {
      checkpoints.load(phase, done, trainee);
    }
    if (done >= epochs) {
      System.out.printf(Locale.ROOT, "%n%s: %d/%d epochs already done, weights restored from %s%n",
          title, done, epochs, checkpoints.weights(phase, done).getParent());
      return;
    }
    System.out.printf(Locale.ROOT, "%n%s%s%n", title, done == 0 ? ""
        : String.format(Locale.ROOT, ": resuming after epoch %d/%d", done, epochs));
    skipPasses(train, done);
    long stepsPerEpoch = train.cardinality();
    long[] epochStart = {System.nanoTime()};
    FitOptions options = FitOptions.epochs(epochs).initialEpoch(done).callback((epoch, logs) -> {
      double seconds = (System.nanoTime() - epochStart[0]) / 1e9;
      progress.record(logs, seconds, stepsPerEpoch);
      try {
        checkpoints.save(phase, epoch + 1, trainee, state);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the checkpoint of epoch " + (epoch + 1)
            + " in " + checkpoints.dir() + ": " + e.getMessage(), e);
      }
      epochStart[0] = System.nanoTime();
    });
    trainee.fit(train, options);
  }

  /** Starts and drops {@code n} passes, so the next pass is shuffled like epoch {@code n + 1}. */
  private static void skipPasses(Dataset train, int n) {
    for (int i = 0; i < n; i++) {
      train.iterator();
    }
  }
}
