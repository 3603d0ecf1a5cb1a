package org.nsl4j.savedmodel;

import org.nsl4j.keras.models.Model;

/**
 * A Keras model rebuilt from a file, with what the file was and what its weights gave. The caller
 * closes {@link #model()} (closing this does the same).
 */
public record ImportedModel(Model model, ModelFileInfo file, WeightReport weights)
    implements AutoCloseable {

  @Override
  public void close() {
    model.close();
  }
}
