package org.nsl4j.keras.datasets;

import java.io.IOException;

/**
 * A data file that cannot be read as what it claims to be: the message names the file, what is
 * wrong with it and what was expected.
 */
public class DatasetFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** A problem with a file; {@code message} starts with the file's name. */
  public DatasetFormatException(String message) {
    super(message);
  }

  /** A problem with a file found through a lower-level exception. */
  public DatasetFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
