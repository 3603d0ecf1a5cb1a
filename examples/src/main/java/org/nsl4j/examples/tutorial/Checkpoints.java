package org.nsl4j.examples.tutorial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.keras.callbacks.BackupAndRestore;
import org.nsl4j.keras.callbacks.DamagedBackupException;

/**
 * The checkpoints of a tutorial run, in {@code <out>/checkpoints}: one {@link BackupAndRestore}
 * directory per phase ({@code base/}, {@code adv/}) with the backups of its last finished epochs
 * (weights, optimizer state, history; atomic, checksummed, kept after training so that a
 * finished phase is restored rather than retrained), and {@code state.json}, the {@link
 * TrainingState} (the settings and epoch times). Only these files are ever written, replaced or
 * removed here; anything else in the directory is left alone.
 */
final class Checkpoints {

  /** The tutorial's phases, in training order. */
  static final List<String> PHASES = List.of("base", "adv");

  private static final String STATE = "state.json";
  /** The temporary files of an atomic write of the state ({@code Reports.write}). */
  private static final Pattern STALE_STATE = Pattern.compile("state\\.json\\d*\\.tmp");

  private final Path dir;
  private final boolean fromIntact;
  private final boolean overwrite;

  /**
   * @param fromIntact whether a phase whose latest checkpoint is damaged continues from its last
   *     intact one ({@code --resume-from-intact})
   * @param overwrite whether a backup directory holding others' files is used (they are kept)
   */
  Checkpoints(Path dir, boolean fromIntact, boolean overwrite) {
    this.dir = dir;
    this.fromIntact = fromIntact;
    this.overwrite = overwrite;
  }

  /** The checkpoints directory. */
  Path dir() {
    return dir;
  }

  /** The backup callback of {@code phase}. */
  BackupAndRestore backup(String phase) {
    return new BackupAndRestore(dir.resolve(phase)).deleteCheckpoint(false)
        .fallBackToIntact(fromIntact).overwrite(overwrite);
  }

  /**
   * The epochs {@code phase} has finished according to its backup (0 when none); checks the
   * backup first, so that a damaged one is reported before any work.
   */
  int epochsDone(String phase) throws IOException {
    try {
      return backup(phase).epochsDone().orElse(0);
    } catch (DamagedBackupException e) {
      throw new IllegalArgumentException("--resume: the latest checkpoint of the " + phase
          + " model in " + e.dir() + " (after epoch " + e.damagedEpochs() + ") is damaged: "
          + e.problem() + (e.lastIntactEpochs().isPresent()
              ? "; the last intact one is after epoch " + e.lastIntactEpochs().getAsInt()
                  + ": add --resume-from-intact to continue from it"
              : "; no earlier checkpoint is intact: run without --resume to start over"), e);
    }
  }

  /** The saved state, or empty when there is none. */
  Optional<TrainingState> readState() throws IOException {
    Path file = dir.resolve(STATE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Reports.json().readValue(file.toFile(), TrainingState.class));
    } catch (IOException e) {
      throw new IOException("cannot read the checkpoint state " + file + ": " + e.getMessage(), e);
    }
  }

  /** Replaces {@code state.json} atomically. */
  void writeState(TrainingState state) throws IOException {
    Reports.write(dir.resolve(STATE), state);
  }

  /** Removes the temporary state files an interrupted run left; returns their names. */
  List<String> removeStaleFiles() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> stale;
    try (Stream<Path> files = Files.list(dir)) {
      stale = files.filter(f -> STALE_STATE.matcher(f.getFileName().toString()).matches())
          .toList();
    }
    for (Path f : stale) {
      Files.delete(f);
    }
    return stale.stream().map(f -> f.getFileName().toString()).toList();
  }

  /** Removes every checkpoint of an earlier run (this class's files only), for a fresh start. */
  void clear() throws IOException {
    for (String phase : PHASES) {
      backup(phase).delete();
    }
    removeStaleFiles();
    Files.deleteIfExists(dir.resolve(STATE));
  }
}
