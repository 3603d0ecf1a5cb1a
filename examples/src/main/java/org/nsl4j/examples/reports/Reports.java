package org.nsl4j.examples.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.nsl4j.keras.io.AtomicFiles;

/** Writes JSON reports atomically: a reader never sees a half-written file. */
public final class Reports {

  /** The file name of every command's report in its output directory. */
  public static final String FILE_NAME = "report.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Reports() {}

  /** Writes {@code report} as JSON to {@code file}, atomically (mode 0644 under the usual umask). */
  public static void write(Path file, Object report) throws IOException {
    AtomicFiles.write(file, out -> JSON.writeValue(out, report));
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
