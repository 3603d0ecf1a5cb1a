package org.nsl4j.keras.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.nsl4j.keras.callbacks.BackupManifest.Backup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a {@link BackupAndRestore} directory. It touches only what it writes: {@code
 * backup.json} and its temporary {@code backup.json.tmp}, and the {@code checkpoint*} files in
 * the sub-directories that the manifest lists; anything else there is left alone.
 */
final class BackupDir {

  static final String MANIFEST = "backup.json";
  static final String MANIFEST_TMP = "backup.json.tmp";
  static final String PREFIX = "checkpoint";

  private static final Logger LOG = LoggerFactory.getLogger(BackupDir.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private boolean adoptForeign;

  BackupDir(Path dir) {
    this.dir = dir;
  }

  /** Whether a directory holding others' files (and no manifest) is used, leaving them alone. */
  void adoptForeign(boolean adopt) {
    this.adoptForeign = adopt;
  }

  Path path() {
    return dir;
  }

  /** The checkpoint prefix in sub-directory {@code sub}. */
  Path prefix(String sub) {
    return dir.resolve(sub).resolve(PREFIX);
  }

  /**
   * The manifest, or null when there is no backup yet. Reads only; refuses a directory that
   * holds files without a manifest (someone else's), unless told to adopt it.
   */
  BackupManifest read() throws IOException {
    Path file = dir.resolve(MANIFEST);
    if (Files.exists(file)) {
      BackupManifest m;
      try {
        m = JSON.readValue(file.toFile(), BackupManifest.class);
      } catch (IOException e) {
        throw new IOException("cannot read the backup state " + file + ": " + e.getMessage(), e);
      }
      if (!BackupManifest.FORMAT.equals(m.format)) {
        throw new IOException(file + " is not a BackupAndRestore state (format '" + m.format
            + "', expected '" + BackupManifest.FORMAT + "')");
      }
      return m;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IOException("backup directory " + dir + " is a file");
    }
    List<String> foreign = Files.exists(dir) ? entries().stream()
        .filter(n -> !n.equals(MANIFEST_TMP)).toList() : List.of();
    if (!foreign.isEmpty() && !adoptForeign) {
      throw new IOException("backup directory " + dir + " holds files not written by"
          + " BackupAndRestore " + foreign + "; give it an empty or new directory, or allow"
          + " overwrite (its files are kept)");
    }
    return null;
  }

  /** Replaces the manifest atomically: a reader sees the old one or the new one, whole. */
  void write(BackupManifest m) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(MANIFEST_TMP);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(JSON.writeValueAsBytes(m)));
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Removes the checkpoint files in sub-directory {@code sub}, then the sub-directory if that
   * left it empty; returns whether there was anything to remove.
   */
  boolean purge(String sub) throws IOException {
    Path d = dir.resolve(sub);
    if (!Files.isDirectory(d)) {
      return false;
    }
    try (Stream<Path> files = Files.list(d)) {
      for (Path f : files.filter(BackupDir::isCheckpointFile).toList()) {
        Files.delete(f);
      }
    }
    if (isEmpty(d)) {
      Files.delete(d);
    } else {
      LOG.warn("left {}: it holds files not written by BackupAndRestore", d);
    }
    return true;
  }

  /** Removes the manifest, its temporary file, and the directory if {@code created} and empty. */
  void removeManifest(boolean created) throws IOException {
    Files.deleteIfExists(dir.resolve(MANIFEST_TMP));
    Files.deleteIfExists(dir.resolve(MANIFEST));
    if (created && Files.isDirectory(dir) && isEmpty(dir)) {
      Files.delete(dir);
    }
  }

  /** Removes a temporary manifest left by an interrupted write; returns whether there was one. */
  boolean removeStaleManifest() throws IOException {
    return Files.deleteIfExists(dir.resolve(MANIFEST_TMP));
  }

  /** File name → CRC32C of every checkpoint file in sub-directory {@code sub}. */
  Map<String, Long> checksums(String sub) throws IOException {
    Map<String, Long> sums = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir.resolve(sub))) {
      for (Path f : files.filter(BackupDir::isCheckpointFile).sorted().toList()) {
        sums.put(f.getFileName().toString(), crc(f));
      }
    }
    return sums;
  }

  /** What is wrong with backup {@code b} (a file missing or changed), or null when it is intact. */
  String damage(Backup b) throws IOException {
    if (b.files.isEmpty()) {
      return "it lists no files";
    }
    for (Map.Entry<String, Long> f : b.files.entrySet()) {
      Path file = dir.resolve(b.dir).resolve(f.getKey());
      if (!Files.isRegularFile(file)) {
        return b.dir + "/" + f.getKey() + " is missing";
      }
      if (crc(file) != f.getValue()) {
        return b.dir + "/" + f.getKey() + " does not match its checksum";
      }
    }
    return null;
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static boolean isCheckpointFile(Path f) {
    return Files.isRegularFile(f) && f.getFileName().toString().startsWith(PREFIX);
  }

  private static boolean isEmpty(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.findAny().isEmpty();
    }
  }

  private static long crc(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }
}
