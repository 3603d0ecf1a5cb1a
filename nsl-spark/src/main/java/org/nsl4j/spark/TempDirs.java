package org.nsl4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Deletes the temporary directories that hold local copies of models. */
final class TempDirs {

  private TempDirs() {}

  /** Deletes {@code dir} and everything in it, as far as it can. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LoggerFactory.getLogger(TempDirs.class).warn("cannot delete {}: {}", dir, e.toString());
    }
  }
}
