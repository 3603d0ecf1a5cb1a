package org.nsl4j.keras.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Replaces a file atomically: the content goes to a temporary file beside it ({@code
 * <name><digits>.tmp}), which is then renamed over it, so that a reader sees the old file or the
 * new one, whole. The file gets the usual mode of new files ({@code 0644} under the common
 * umask), not the {@code 0600} of {@code Files.createTempFile}.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** What writes a file's content to a stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content; the stream may be closed by it. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code file} atomically from {@code content}, creating its directory. */
  public static void write(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = createTemporary(dir, file.getFileName().toString());
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Whether {@code fileName} is a temporary file of an atomic write of {@code entry}. */
  public static boolean isTemporaryOf(String entry, String fileName) {
    return Pattern.matches(Pattern.quote(entry) + "\\d+\\.tmp", fileName);
  }

  private static Path createTemporary(Path dir, String name) throws IOException {
    while (true) {
      Path tmp = dir.resolve(name + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        // another name is drawn
      }
    }
  }
}
