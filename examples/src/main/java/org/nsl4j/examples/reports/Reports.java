package org.nsl4j.examples.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes JSON reports atomically: a reader never sees a half-written file. */
public final class Reports {

  /** The file name of every command's report in its output directory. */
  public static final String FILE_NAME = "report.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Reports() {}

  public static void write(Path file, Object report) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), report);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Fails early when {@code dir} cannot be created or written. */
  public static void checkWritable(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
    } catch (IOException e) {
      throw new IOException("cannot write to output directory " + dir + ": " + e.getMessage(), e);
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
