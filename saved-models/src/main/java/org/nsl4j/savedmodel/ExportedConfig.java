package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Model;

/**
 * The Keras config {@link ModelExporter} writes beside a SavedModel's graph, so that {@link
 * KerasModelLoader} rebuilds the export: {@value #FILE}, in the SavedModel's {@code assets.extra}
 * folder, which the SavedModel format leaves to other libraries (Python's loaders and TensorFlow
 * Serving do not interpret it). It holds {@code class_name} and {@code config} as Keras's {@code
 * to_json()} (the layer layout of Keras 3) and {@value #WEIGHTS}: each weight's name → the
 * variable of the graph that holds it.
 */
final class ExportedConfig {

  /** The SavedModel's folder for files of other libraries. */
  static final String DIR = "assets.extra";
  /** Where the config is, relative to the SavedModel directory. */
  static final String FILE = DIR + "/keras_model.json";
  /** The field mapping weight names to graph variables. */
  static final String WEIGHTS = "weight_variables";

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  private ExportedConfig() {}

  /**
   * Writes the config of {@code model} into the SavedModel directory {@code dir}; does nothing
   * for a subclassed model, which has none (its export is inference-only).
   */
  static void write(Model model, Path dir) throws IOException {
    if (!model.hasLayerGraph()) {
      return;
    }
    Map<String, Object> json = new LinkedHashMap<>(model.toJsonConfig());
    json.put("keras_version", "3");
    json.put("backend", "tensorflow");
    Map<String, String> variables = new LinkedHashMap<>();
    for (Weight w : model.weights()) {
      variables.put(w.name(), w.variable().op().name());
    }
    json.put(WEIGHTS, variables);
    Path file = dir.resolve(FILE);
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), json);
  }

  /** The text of the config written into {@code dir}, if any. */
  static Optional<String> read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      throw new SavedModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The graph variable holding weight {@code name}: as mapped in {@code root}, else the name. */
  static String variable(JsonNode root, String name) {
    return root.path(WEIGHTS).path(name).asText(name);
  }
}
