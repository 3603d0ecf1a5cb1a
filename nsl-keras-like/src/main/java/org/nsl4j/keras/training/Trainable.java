package org.nsl4j.keras.training;

import java.io.IOException;
import java.nio.file.Path;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.data.Dataset;

/** What can be trained and checkpointed: a model, or a wrapper such as adversarial regularization. */
public interface Trainable {

  /** Trains on a batched dataset. */
  History fit(Dataset data, FitOptions options);

  /** Saves the weights and the optimizer state. */
  void saveCheckpoint(Path prefix) throws IOException;

  /** Restores what {@link #saveCheckpoint} saved. */
  void loadCheckpoint(Path prefix) throws IOException;
}
