package org.nsl4j.keras.callbacks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes one CSV row per epoch, as Keras's {@code CSVLogger}: a header {@code epoch,<metric>...}
 * (metrics sorted by name, as Keras does), then the epoch (from 0) and each metric's value,
 * flushed after every row so that an interrupted run keeps its finished epochs. A metric missing
 * from an epoch's logs is written {@code NA}.
 *
 * <p>It never overwrites a file it did not write: an existing file is refused unless {@code
 * append(true)}, which adds rows under the file's own header (as when resuming a run), or
 * {@code overwrite(true)}, which replaces it.
 *
 * <pre>{@code
 * model.fit(train, FitOptions.epochs(10).callback(new CSVLogger(Path.of("training.csv"))));
 * // training.csv: epoch,loss,sparse_categorical_accuracy / 0,0.412,0.881 / 1,0.201,0.94 ...
 * }</pre>
 */
public final class CSVLogger implements Callback {

  private final Path file;
  private char separator = ',';
  private boolean append;
  private boolean overwrite;
  private boolean written;
  private BufferedWriter out;
  private List<String> keys;

  /** A logger writing to {@code file}. */
  public CSVLogger(Path file) {
    this.file = file;
  }

  /** The column separator (default {@code ,}). */
  public CSVLogger separator(char separator) {
    this.separator = separator;
    return this;
  }

  /** Whether to add rows to an existing file instead of refusing it (default false). */
  public CSVLogger append(boolean append) {
    this.append = append;
    return this;
  }

  /** Whether to replace an existing file it did not write rather than refuse it (default false). */
  public CSVLogger overwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    try {
      close();
      keys = null;
      boolean exists = Files.exists(file);
      if (exists && Files.isDirectory(file)) {
        throw new IOException(file + " is a directory; CSVLogger writes a file");
      }
      if (exists && !append && !written && !overwrite) {
        throw new FileAlreadyExistsException(file.toString(), null, "CSVLogger does not"
            + " overwrite a file it did not write; remove it, choose another file, append or"
            + " overwrite");
      }
      if (exists && append) {
        keys = headerOf(file);
      }
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
      written = true;
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    try {
      if (keys == null) {
        keys = logs.keySet().stream().sorted().toList();
        writeRow(header(keys));
      }
      List<String> row = new ArrayList<>(List.of(Integer.toString(epoch)));
      keys.forEach(k -> row.add(logs.containsKey(k) ? Double.toString(logs.get(k)) : "NA"));
      writeRow(row);
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    try {
      close();
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  private void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  private void writeRow(List<String> cells) throws IOException {
    out.write(String.join(String.valueOf(separator), cells.stream().map(this::quoted).toList()));
    out.newLine();
    out.flush();
  }

  private static List<String> header(List<String> keys) {
    List<String> header = new ArrayList<>(List.of("epoch"));
    header.addAll(keys);
    return header;
  }

  /** The metric columns of an existing file's header, or null when it is empty. */
  private List<String> headerOf(Path path) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      if (first == null || first.isEmpty()) {
        return null;
      }
      List<String> cells = Arrays.asList(first.split(java.util.regex.Pattern.quote(
          String.valueOf(separator)), -1));
      if (!cells.get(0).equals("epoch")) {
        throw new IOException("its first line is not a CSVLogger header (epoch" + separator
            + "...): " + first);
      }
      return List.copyOf(cells.subList(1, cells.size()));
    }
  }

  private String quoted(String cell) {
    if (cell.indexOf(separator) < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
