package org.nsl4j.savedmodel;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small Keras model files for tests: {@code .keras} zips and legacy HDF5 files. */
final class KerasFiles {

  private KerasFiles() {}

  /** An HDF5 file at {@code file} filled by {@code content}. */
  static Path h5(Path file, Consumer<WritableHdfFile> content) {
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      content.accept(h5);
    }
    return file;
  }

  /** Puts {@code value} at {@code path} (e.g. {@code layers/dense/vars/0}), making groups. */
  static void put(WritableGroup root, String path, Object value) {
    String[] parts = path.split("/");
    WritableGroup g = root;
    for (int i = 0; i < parts.length - 1; i++) {
      g = g.getChild(parts[i]) instanceof WritableGroup existing ? existing
          : g.putGroup(parts[i]);
    }
    g.putDataset(parts[parts.length - 1], value);
  }

  /** Makes the group at {@code path} (e.g. an empty {@code vars}). */
  static WritableGroup group(WritableGroup root, String path) {
    WritableGroup g = root;
    for (String part : path.split("/")) {
      g = g.getChild(part) instanceof WritableGroup existing ? existing : g.putGroup(part);
    }
    return g;
  }

  /** A zip at {@code file} holding {@code entries} (name → bytes). */
  static Path zip(Path file, Map<String, byte[]> entries) {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A {@code .keras} zip with {@code config}, a metadata.json of {@code version} and weights. */
  static Path archive(Path file, String config, String version, Path weights) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("metadata.json", ("{\"keras_version\": \"" + version + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    entries.put("config.json", config.getBytes(StandardCharsets.UTF_8));
    if (weights != null) {
      try {
        entries.put("model.weights.h5", Files.readAllBytes(weights));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return zip(file, entries);
  }
}
