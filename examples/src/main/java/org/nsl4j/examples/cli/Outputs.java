package org.nsl4j.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nsl4j.keras.io.OutputDirectory;
import org.nsl4j.keras.io.OutputOwnershipException;

/**
 * The outputs of a command, checked before any work: its {@code --out} directory as an {@link
 * OutputDirectory} (absent, empty or its own, else refused unless {@code --overwrite}, which
 * replaces only the command's outputs and keeps everything else), and single output files.
 */
public final class Outputs {

  private Outputs() {}

  /**
   * The {@code --out} directory of {@code command} with its output {@code entries}, checked;
   * nothing is written until {@link #claim}.
   */
  public static OutputDirectory directory(Path out, String command, boolean overwrite,
      String... entries) throws IOException {
    return OutputDirectory.of(out, command).outputs(entries).overwrite(overwrite)
        .describedAs("--out", "add --overwrite").check();
  }

  /** Claims a checked directory (writes its manifest); an unwritable one is named with --out. */
  public static OutputDirectory claim(OutputDirectory dir) throws IOException {
    try {
      return dir.claim();
    } catch (OutputOwnershipException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("cannot write to --out " + dir.dir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks the output file of {@code flag}: not a directory, in a directory that can be written,
   * and, unless {@code overwrite}, not there yet.
   */
  public static void checkFile(String flag, Path file, boolean overwrite) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(flag + " " + file + " is a directory; give a file"
          + " path, e.g. " + file.resolve("report.json"));
    }
    if (Files.exists(file) && !overwrite) {
      throw new IllegalArgumentException(flag + " " + file + " already exists and was not"
          + " replaced; give another file, or add --overwrite to replace it");
    }
    Path dir = file.toAbsolutePath().getParent();
    while (!Files.exists(dir)) {
      dir = dir.getParent();
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IllegalArgumentException(flag + " " + file + " cannot be written: " + dir
          + (Files.isDirectory(dir) ? " is not writable" : " is a file, not a directory"));
    }
  }
}
