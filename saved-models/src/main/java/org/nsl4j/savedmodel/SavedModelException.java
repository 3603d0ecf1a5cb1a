package org.nsl4j.savedmodel;

/**
 * A SavedModel (or Keras model file) that cannot be read, loaded or run as asked. The message
 * names the directory, file, signature or key at fault and what was expected.
 */
public class SavedModelException extends RuntimeException {

  public SavedModelException(String message) {
    super(message);
  }

  public SavedModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
