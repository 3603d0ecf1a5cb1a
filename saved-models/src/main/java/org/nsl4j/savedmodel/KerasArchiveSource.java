package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A {@code .keras} archive (a zip, or the directory Keras writes with {@code zipped=False}):
 * {@code config.json} (the model config), {@code metadata.json} (the Keras version) and {@code
 * model.weights.h5}, read in memory (no temporary file).
 */
final class KerasArchiveSource implements KerasSource {

  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";
  private static final List<String> ENTRIES = List.of(CONFIG, METADATA, WEIGHTS);

  private final Path path;
  private final Map<String, byte[]> entries;
  private final ModelFileInfo info;

  private KerasArchiveSource(Path path, Map<String, byte[]> entries, List<String> listed) {
    this.path = path;
    this.entries = entries;
    for (String required : List.of(CONFIG, WEIGHTS)) {
      if (!entries.containsKey(required)) {
        throw new SavedModelException(path + " has no " + required + ", so it is not a Keras"
            + " .keras archive (it holds " + listed + ")" + (required.equals(WEIGHTS)
                ? "; weights saved as model.weights.npz or in shards are not supported" : ""));
      }
    }
    String version = entries.containsKey(METADATA)
        ? KerasConfigs.parse(text(METADATA), path + " (" + METADATA + ")")
            .path("keras_version").asText("unknown")
        : "unknown";
    this.info = new ModelFileInfo(path, version.startsWith("2.")
        ? ModelFormat.TF_KERAS_ARCHIVE : ModelFormat.KERAS_ARCHIVE, version);
  }

  /** The archive in zip {@code file}. */
  static KerasArchiveSource zip(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Map<String, byte[]> entries = new HashMap<>();
      List<String> listed = new ArrayList<>();
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        listed.add(e.getName());
        if (ENTRIES.contains(e.getName())) {
          try (InputStream in = zip.getInputStream(e)) {
            entries.put(e.getName(), in.readAllBytes());
          }
        }
      }
      return new KerasArchiveSource(file, entries, listed);
    } catch (IOException e) {
      throw new SavedModelException(file + " is not a readable zip archive: " + e.getMessage(), e);
    }
  }

  /** The unzipped archive in {@code dir}. */
  static KerasArchiveSource directory(Path dir) {
    Map<String, byte[]> entries = new HashMap<>();
    List<String> listed = new ArrayList<>();
    try (var files = Files.list(dir)) {
      files.forEach(f -> listed.add(f.getFileName().toString()));
      for (String name : ENTRIES) {
        if (Files.isRegularFile(dir.resolve(name))) {
          entries.put(name, Files.readAllBytes(dir.resolve(name)));
        }
      }
    } catch (IOException e) {
      throw new SavedModelException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return new KerasArchiveSource(dir, entries, listed);
  }

  private String text(String entry) {
    return new String(entries.get(entry), StandardCharsets.UTF_8);
  }

  @Override
  public ModelFileInfo info() {
    return info;
  }

  @Override
  public String origin() {
    return path + " (" + CONFIG + ")";
  }

  @Override
  public JsonNode modelConfig() {
    return KerasConfigs.fromArchive(KerasConfigs.parse(text(CONFIG), origin()), origin());
  }

  @Override
  public WeightReport restore(KerasArchitecture architecture, KerasArchitecture.Rebuilt rebuilt) {
    String file = path + " (" + WEIGHTS + ")";
    try (HdfFile h5 = HdfFile.fromBytes(entries.get(WEIGHTS))) {
      return ArchiveWeights.restore(h5, file, rebuilt, architecture.root());
    } catch (io.jhdf.exceptions.HdfException e) {
      throw new SavedModelException(file + " is not a readable HDF5 file: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {}
}
