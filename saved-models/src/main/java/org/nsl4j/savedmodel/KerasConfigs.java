package org.nsl4j.savedmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;

/**
 * Finds the Keras model config ({@code {"class_name": "Sequential", "config": {...}}}) saved with
 * a model: in {@code keras_metadata.pb} (TF 2.5 and later), in the root object's metadata in
 * {@code saved_model.pb} (TF 2.0 to 2.4), in the config {@link ModelExporter} writes beside its
 * exports ({@link ExportedConfig}), or in an HDF5 file's {@code model_config} attribute.
 * A Keras 2 Sequential SavedModel saved with neither has its config traced by {@link
 * TracedArchitecture}.
 */
final class KerasConfigs {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static final String SIGNATURES_HINT = ", but LoadedModel runs its signatures";
  private static final String FILE_HINT = " (in Python, export it with model.export() and run it"
      + " with LoadedModel)";

  private KerasConfigs() {}

  /** The model config of a SavedModel; {@link InferenceOnlyException} when there is none. */
  static JsonNode fromSavedModel(SavedModelInfo info, MetaGraphDef metaGraph) {
    Optional<String> metadata = KerasMetadataFile.rootMetadata(info.dir());
    String origin = info.dir().resolve(KerasMetadataFile.NAME).toString();
    if (metadata.isEmpty()) {
      List<SavedObject> nodes = metaGraph.getObjectGraphDef().getNodesList();
      if (!nodes.isEmpty() && nodes.get(0).hasUserObject()) {
        String md = nodes.get(0).getUserObject().getMetadata();
        metadata = md.isEmpty() ? Optional.empty() : Optional.of(md);
      }
      origin = info.file() + " (root object metadata)";
    }
    if (metadata.isEmpty()) {
      metadata = ExportedConfig.read(info.dir());
      origin = info.dir().resolve(ExportedConfig.FILE).toString();
    }
    if (metadata.isEmpty()) {
      Optional<? extends JsonNode> traced = TracedArchitecture.sequentialConfig(info, metaGraph);
      if (traced.isPresent()) {
        return traced.get();
      }
      throw new InferenceOnlyException(info.dir() + " holds no Keras model config (no "
          + KerasMetadataFile.NAME + " and no Keras metadata in " + info.file().getFileName()
          + ")" + (RunFailure.looksLikeKeras3(metaGraph) || hasKeras3Export(metaGraph)
              ? ", as Keras 3 exports do" : "")
          + ": its layers cannot be rebuilt, but LoadedModel runs its signatures");
    }
    return modelConfig(parse(metadata.get(), origin), origin, SIGNATURES_HINT);
  }

  /** The model config in an HDF5 file's {@code model_config} attribute. */
  static JsonNode fromH5(HdfFile h5, Path file) {
    Attribute attribute = h5.getAttribute("model_config");
    if (attribute == null) {
      throw new InferenceOnlyException(file + " has no model_config attribute: it holds weights"
          + " only (saved with save_weights), not a Keras model");
    }
    Object value = attribute.getData();
    String json = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
        : String.valueOf(value);
    String origin = file + " (model_config attribute)";
    return modelConfig(parse(json, origin), origin, FILE_HINT);
  }

  /** The model config of a {@code .keras} archive's {@code config.json}. */
  static JsonNode fromArchive(JsonNode config, String origin) {
    return modelConfig(config, origin, FILE_HINT);
  }

  private static boolean hasKeras3Export(MetaGraphDef metaGraph) {
    return metaGraph.getObjectGraphDef().getNodesList().stream()
        .flatMap(n -> n.getChildrenList().stream())
        .anyMatch(c -> c.getLocalName().equals("_all_variables"));
  }

  /** {@code json} parsed; a syntax error names {@code origin}. */
  static JsonNode parse(String json, String origin) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SavedModelException(
          origin + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Checks the config describes a model whose layers are listed. */
  private static JsonNode modelConfig(JsonNode root, String origin, String hint) {
    String className = root.path("class_name").asText("");
    JsonNode config = root.path("config");
    if (config.path("layer was saved without config").asBoolean(false)
        || !config.path("layers").isArray()) {
      throw new InferenceOnlyException("the Keras model '" + className + "' in " + origin
          + " was saved without a layer list (a subclassed model?): its layers cannot be"
          + " rebuilt" + hint);
    }
    return root;
  }
}
