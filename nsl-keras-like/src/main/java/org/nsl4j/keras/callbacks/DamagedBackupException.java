package org.nsl4j.keras.callbacks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The latest backup of a {@link BackupAndRestore} directory is damaged (a file is missing or
 * does not match its checksum). It names the last intact backup, if any, which {@code
 * fallBackToIntact(true)} continues from.
 */
public final class DamagedBackupException extends IOException {

  private final Path dir;
  private final int damagedEpochs;
  private final String problem;
  private final OptionalInt lastIntactEpochs;

  DamagedBackupException(Path dir, int damagedEpochs, String problem, OptionalInt lastIntact) {
    super("the latest backup in " + dir + " (after epoch " + damagedEpochs + ") is damaged: "
        + problem + "; " + (lastIntact.isPresent()
            ? "the last intact backup is after epoch " + lastIntact.getAsInt()
                + ": continue from it with BackupAndRestore.fallBackToIntact(true)"
            : "no earlier backup is intact; delete " + dir + " to start over"));
    this.dir = dir;
    this.damagedEpochs = damagedEpochs;
    this.problem = problem;
    this.lastIntactEpochs = lastIntact;
  }

  /** The backup directory. */
  public Path dir() {
    return dir;
  }

  /** The epochs done in the damaged backup. */
  public int damagedEpochs() {
    return damagedEpochs;
  }

  /** What is wrong with it, e.g. {@code epoch-3/checkpoint.index does not match its checksum}. */
  public String problem() {
    return problem;
  }

  /** The epochs done in the last intact backup, or empty when none is intact. */
  public OptionalInt lastIntactEpochs() {
    return lastIntactEpochs;
  }
}
