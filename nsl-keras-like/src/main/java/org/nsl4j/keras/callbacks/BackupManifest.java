package org.nsl4j.keras.callbacks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code backup.json}, the state of a {@link BackupAndRestore} directory: the complete backups
 * with a checksum of every file they hold, the history up to the latest one, and the entries
 * that an interrupted write may have left behind (removed on the next run). It also marks the
 * directory as written by {@code BackupAndRestore}.
 */
final class BackupManifest {

  static final String FORMAT = "nsl4j BackupAndRestore";

  @JsonProperty("format")
  String format = FORMAT;

  @JsonProperty("version")
  int version = 1;

  /** Whether BackupAndRestore created the directory (then it removes it when done). */
  @JsonProperty("created_dir")
  boolean createdDir;

  /** Complete backups, oldest first. */
  @JsonProperty("backups")
  List<Backup> backups = new ArrayList<>();

  /** Every epoch's logs up to the latest backup. */
  @JsonProperty("history")
  List<EpochLogs> history = new ArrayList<>();

  /** Sub-directories being written or deleted; whatever of them is left is stale. */
  @JsonProperty("pending")
  List<String> pending = new ArrayList<>();

  /** The backup in {@code dir}, if listed. */
  Optional<Backup> backupIn(String dir) {
    return backups.stream().filter(b -> b.dir.equals(dir)).findFirst();
  }

  /** One complete backup: the weights and optimizer state after {@code epochsDone} epochs. */
  static final class Backup {
    @JsonProperty("epochs_done")
    int epochsDone;

    @JsonProperty("dir")
    String dir;

    /** File name → CRC32C of its content. */
    @JsonProperty("files")
    Map<String, Long> files = new LinkedHashMap<>();
  }

  /** The logs of one epoch (counted from 0). */
  static final class EpochLogs {
    @JsonProperty("epoch")
    int epoch;

    @JsonProperty("logs")
    Map<String, Double> logs = new LinkedHashMap<>();

    EpochLogs() {}

    EpochLogs(int epoch, Map<String, Double> logs) {
      this.epoch = epoch;
      this.logs = new LinkedHashMap<>(logs);
    }
  }
}
