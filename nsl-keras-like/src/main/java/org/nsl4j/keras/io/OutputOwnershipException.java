package org.nsl4j.keras.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An output directory (or file) that holds what the writer did not write and was not told to
 * overwrite, or that is of the wrong kind; nothing has been written.
 */
public final class OutputOwnershipException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path dir;
  private final List<String> foreign;

  /** {@code foreign}: the entries found there that are not the writer's, sorted. */
  public OutputOwnershipException(String message, Path dir, List<String> foreign) {
    super(message);
    this.dir = dir;
    this.foreign = List.copyOf(foreign);
  }

  /** The directory refused. */
  public Path dir() {
    return dir;
  }

  /** The entries that are not the writer's (empty when the directory is of the wrong kind). */
  public List<String> foreign() {
    return foreign;
  }
}
