package org.nsl4j.keras.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.nsl4j.keras.callbacks.BackupManifest.Backup;
import org.nsl4j.keras.callbacks.BackupManifest.EpochLogs;
import org.nsl4j.keras.models.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs training up at the end of every epoch and restores it when {@code fit} is called again
 * after an interruption, as Keras's {@code BackupAndRestore}: an interrupted (even killed) run
 * started again with the same callback continues after its last finished epoch, with the
 * weights, the optimizer state and the history it had, and {@code fit} returns the whole
 * history. A successful {@code fit} then removes the backup, unless {@code
 * deleteCheckpoint(false)}.
 *
 * <pre>{@code
 * BackupAndRestore backup = new BackupAndRestore(Path.of("backup"));
 * History h = model.fit(train, FitOptions.epochs(10).callback(backup));
 * // killed during epoch 6? The same two lines run epochs 6 to 10 only, and h holds all 10.
 * }</pre>
 *
 * <p>Writes are atomic: each epoch's checkpoint is written to {@code epoch-N.partial/}, renamed
 * to {@code epoch-N/} when complete, and only then recorded in {@code backup.json} (replaced
 * atomically, with a checksum of every file). The last {@code keep} backups are kept (2 by
 * default). A run started after a kill first removes the temporary files the killed run left.
 * If the latest backup is damaged, {@code fit} fails naming the last intact one; with {@code
 * fallBackToIntact(true)} it continues from that one. An epoch whose logs hold NaN or infinity
 * is not backed up.
 *
 * <p>It writes only inside its directory and only its own files, never deleting anything else:
 * a directory that holds files but no {@code backup.json} is refused (unless {@code
 * overwrite(true)}, which uses it and still leaves those files alone). The data order of an epoch
 * is restored too when the dataset reshuffles reproducibly on every pass (see {@code
 * Trainer.fit}), so that on the same machine a resumed run is bitwise the uninterrupted one;
 * stateful random ops (Dropout, random starts) restart their streams. Logs added by callbacks
 * listed after this one are not in the backup: list it last.
 */
public final class BackupAndRestore implements Callback {

  private static final Logger LOG = LoggerFactory.getLogger(BackupAndRestore.class);

  private final BackupDir dir;
  private boolean deleteCheckpoint = true;
  private int keep = 2;
  private boolean fallBackToIntact;
  private Model model;
  private BackupManifest manifest;
  private List<EpochLogs> epochs = new ArrayList<>();
  private boolean lastEpochSkipped;

  /** Backs up into {@code backupDir} (created if needed; it must be empty or this callback's). */
  public BackupAndRestore(Path backupDir) {
    this.dir = new BackupDir(backupDir);
  }

  /** Whether a successful {@code fit} removes the backup (default true, as in Keras). */
  public BackupAndRestore deleteCheckpoint(boolean delete) {
    this.deleteCheckpoint = delete;
    return this;
  }

  /** How many of the latest backups to keep (default 2, so that one can be fallen back on). */
  public BackupAndRestore keep(int backups) {
    if (backups < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + backups);
    }
    this.keep = backups;
    return this;
  }

  /**
   * Whether a directory that holds others' files and no backup may be used (default false: it
   * is refused); those files are left as they are either way.
   */
  public BackupAndRestore overwrite(boolean overwrite) {
    dir.adoptForeign(overwrite);
    return this;
  }

  /** Whether to continue from the last intact backup when the latest is damaged. */
  public BackupAndRestore fallBackToIntact(boolean fallBack) {
    this.fallBackToIntact = fallBack;
    return this;
  }

  /** The backup directory. */
  public Path backupDir() {
    return dir.path();
  }

  /**
   * The epochs done in the backup that the next {@code fit} would continue from, or empty when
   * there is none. Changes nothing.
   *
   * @throws DamagedBackupException if the latest backup is damaged and {@code
   *     fallBackToIntact} is off (or no backup is intact)
   * @throws IOException if the directory holds files not written here or cannot be read
   */
  public OptionalInt epochsDone() throws IOException {
    BackupManifest m = dir.read();
    Backup b = m == null ? null : chosen(m);
    return b == null ? OptionalInt.empty() : OptionalInt.of(b.epochsDone);
  }

  /**
   * Removes the backup: every file this callback wrote, and the directory if it created it and
   * nothing else is in it.
   */
  public void delete() throws IOException {
    BackupManifest m = dir.read();
    if (m == null) {
      dir.removeStaleManifest();
      return;
    }
    m.backups.forEach(b -> m.pending.add(b.dir));
    m.backups.clear();
    m.history.clear();
    dir.write(m);
    for (String sub : m.pending) {
      dir.purge(sub);
    }
    dir.removeManifest(m.createdDir);
  }

  @Override
  public void setModel(Model model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    try {
      manifest = open();
      epochs = new ArrayList<>();
      lastEpochSkipped = false;
      Backup b = chosen(manifest);
      if (b != null) {
        restore(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("BackupAndRestore: " + e.getMessage(), e);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    if (logs.values().stream().anyMatch(v -> !Double.isFinite(v))) {
      LOG.warn("epoch {} is not backed up in {}: its logs hold NaN or infinity {}", epoch + 1,
          dir.path(), logs);
      lastEpochSkipped = true;
      return;
    }
    lastEpochSkipped = false;
    try {
      save(epoch, logs);
    } catch (IOException e) {
      throw new UncheckedIOException("BackupAndRestore cannot back up epoch " + (epoch + 1)
          + " in " + dir.path() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (deleteCheckpoint && !lastEpochSkipped) {
      try {
        delete();
      } catch (IOException e) {
        throw new UncheckedIOException("BackupAndRestore cannot remove its backup in "
            + dir.path() + ": " + e.getMessage(), e);
      }
    }
  }

  /** The manifest, created (marking the directory as ours) or cleaned of stale files. */
  private BackupManifest open() throws IOException {
    BackupManifest m = dir.read();
    if (m == null) {
      m = new BackupManifest();
      m.createdDir = !Files.exists(dir.path());
      dir.removeStaleManifest();
      dir.write(m);
      return m;
    }
    List<String> removed = new ArrayList<>();
    for (String sub : m.pending) {
      if (dir.purge(sub)) {
        removed.add(sub);
      }
    }
    if (dir.removeStaleManifest()) {
      removed.add(BackupDir.MANIFEST_TMP);
    }
    if (!removed.isEmpty()) {
      LOG.info("removed what an interrupted run left in {}: {}", dir.path(), removed);
    }
    m.pending.clear();
    dir.write(m);
    return m;
  }

  /** The backup to continue from: the latest, or the last intact one when allowed. */
  private Backup chosen(BackupManifest m) throws IOException {
    if (m.backups.isEmpty()) {
      return null;
    }
    Backup latest = m.backups.get(m.backups.size() - 1);
    String damage = dir.damage(latest);
    if (damage == null) {
      return latest;
    }
    Backup intact = null;
    for (Backup b : m.backups.subList(0, m.backups.size() - 1)) {
      if (dir.damage(b) == null) {
        intact = b;
      }
    }
    if (intact == null || !fallBackToIntact) {
      throw new DamagedBackupException(dir.path(), latest.epochsDone, damage,
          intact == null ? OptionalInt.empty() : OptionalInt.of(intact.epochsDone));
    }
    LOG.warn("the latest backup in {} (after epoch {}) is damaged: {}; continuing from the one"
        + " after epoch {}", dir.path(), latest.epochsDone, damage, intact.epochsDone);
    return intact;
  }

  /** Loads the weights and optimizer state of {@code b} and puts its history back. */
  private void restore(Backup b) throws IOException {
    model.loadCheckpoint(dir.prefix(b.dir));
    for (EpochLogs e : manifest.history) {
      if (e.epoch < b.epochsDone) {
        epochs.add(e);
        model.history().record(e.epoch, e.logs);
      }
    }
  }

  /** Writes epoch {@code epoch}'s backup, records it, then drops backups beyond {@code keep}. */
  private void save(int epoch, Map<String, Double> logs) throws IOException {
    String name = "epoch-" + (epoch + 1);
    String partial = name + ".partial";
    for (String sub : List.of(name, partial)) {
      if (Files.exists(dir.path().resolve(sub)) && manifest.backupIn(sub).isEmpty()) {
        throw new IOException(dir.path().resolve(sub) + " exists but was not written by"
            + " BackupAndRestore");
      }
    }
    manifest.backupIn(name).ifPresent(manifest.backups::remove);
    manifest.pending.addAll(List.of(partial, name));
    dir.write(manifest);
    dir.purge(name);
    model.saveCheckpoint(dir.prefix(partial));
    Backup b = new Backup();
    b.epochsDone = epoch + 1;
    b.dir = name;
    b.files = dir.checksums(partial);
    Files.move(dir.path().resolve(partial), dir.path().resolve(name),
        StandardCopyOption.ATOMIC_MOVE);
    epochs.add(new EpochLogs(epoch, new LinkedHashMap<>(logs)));
    manifest.backups.add(b);
    manifest.backups.sort(Comparator.comparingInt(x -> x.epochsDone));
    manifest.history = new ArrayList<>(epochs);
    manifest.pending.clear();
    prune();
  }

  /** Records the backup, then removes those beyond the latest {@code keep}. */
  private void prune() throws IOException {
    while (manifest.backups.size() > keep) {
      manifest.pending.add(manifest.backups.remove(0).dir);
    }
    dir.write(manifest);
    if (!manifest.pending.isEmpty()) {
      for (String sub : manifest.pending) {
        dir.purge(sub);
      }
      manifest.pending.clear();
      dir.write(manifest);
    }
  }
}
