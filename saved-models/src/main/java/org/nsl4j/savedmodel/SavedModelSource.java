package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Weight;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;

/**
 * A SavedModel directory written by Keras 2: the config from {@code keras_metadata.pb} or the
 * object graph (or traced from its functions), the weights from its variables, which Keras names
 * {@code <layer>/<weight>} as this project does. Loads the SavedModel only to read weights.
 */
final class SavedModelSource implements KerasSource {

  private final SavedModelInfo savedModel;
  private final LoadedModel given;
  private LoadedModel opened;
  private JsonNode config;

  private SavedModelSource(SavedModelInfo savedModel, LoadedModel given) {
    this.savedModel = savedModel;
    this.given = given;
  }

  /** The SavedModel in {@code dir}, loaded when its weights are read. */
  static SavedModelSource open(Path dir) {
    return new SavedModelSource(SavedModelInfo.read(dir), null);
  }

  /** An already loaded SavedModel (the caller closes it). */
  static SavedModelSource of(LoadedModel loaded) {
    return new SavedModelSource(loaded.info(), loaded);
  }

  @Override
  public ModelFileInfo info() {
    String version;
    try {
      version = modelConfig().path("keras_version").asText("unknown");
    } catch (SavedModelException e) {
      version = "unknown";
    }
    return new ModelFileInfo(savedModel.dir(), ModelFormat.SAVED_MODEL, version);
  }

  @Override
  public String origin() {
    return savedModel.dir().toString();
  }

  @Override
  public JsonNode modelConfig() {
    if (config == null) {
      config = KerasConfigs.fromSavedModel(savedModel,
          given != null ? given.metaGraph() : savedModel.metaGraph(LoadedModel.SERVE));
    }
    return config;
  }

  @Override
  public WeightReport restore(KerasArchitecture architecture, KerasArchitecture.Rebuilt rebuilt) {
    LoadedModel loaded = given;
    if (loaded == null) {
      opened = LoadedModel.load(savedModel.dir());
      loaded = opened;
    }
    List<Weight> weights = rebuilt.model().weights();
    JsonNode root = modelConfig();
    Map<String, FeatureArray> read = loaded.readVariables(weights.stream()
        .map(w -> ExportedConfig.variable(root, w.name())).toList());
    WeightValues values = new WeightValues(savedModel.dir().resolve("variables").toString());
    for (Weight w : weights) {
      String variable = ExportedConfig.variable(root, w.name());
      values.put(w, read.get(variable), "variable '" + variable + "'");
    }
    List<String> unused = new ArrayList<>(modelVariables(loaded.metaGraph()));
    unused.removeAll(read.keySet());
    if (!unused.isEmpty()) {
      throw new SavedModelException(savedModel.dir() + " holds model variables that no layer of"
          + " the rebuilt model takes: " + unused);
    }
    values.applyTo(rebuilt);
    return new WeightReport(values.size(), Map.of());
  }

  /**
   * The names of the Keras model's own variables (its layer weights, not the optimizer's): the
   * object graph's root lists them under its {@code variables} child; empty without one.
   */
  private static List<String> modelVariables(MetaGraphDef metaGraph) {
    List<SavedObject> nodes = metaGraph.getObjectGraphDef().getNodesList();
    if (nodes.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    nodes.get(0).getChildrenList().stream().filter(c -> c.getLocalName().equals("variables"))
        .flatMap(c -> nodes.get(c.getNodeId()).getChildrenList().stream())
        .map(c -> nodes.get(c.getNodeId())).filter(SavedObject::hasVariable)
        .forEach(v -> names.add(v.getVariable().getName()));
    return names;
  }

  @Override
  public void close() {
    if (opened != null) {
      opened.close();
      opened = null;
    }
  }
}
