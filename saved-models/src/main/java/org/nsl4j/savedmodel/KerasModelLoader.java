package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Model;

/**
 * Rebuilds a Keras model saved by Python as a Keras-like {@link Model} of this project's own
 * layers, with its trained weights: from a SavedModel (config in {@code keras_metadata.pb} or in
 * {@code saved_model.pb}'s object graph, weights from its variables) or from an HDF5 file
 * ({@code model.save('m.h5')}). The rebuilt model can be trained further, wrapped for adversarial
 * regularization, or differentiated, which a loaded SavedModel's signatures cannot.
 *
 * <p>Sequential and Functional models with a linear chain of InputLayer, Conv2D, MaxPooling2D,
 * AveragePooling2D, Flatten, Dense, Dropout, Activation and BatchNormalization layers are
 * supported. A model file without a Keras config (a Keras 3 {@code model.export()}, a {@code
 * tf.Module}, a TF1 graph, a subclassed model) throws {@link InferenceOnlyException}: load it
 * with {@link LoadedModel} instead. The caller closes the returned model.
 */
public final class KerasModelLoader {

  private static final KerasModelLoader DEFAULT = new KerasModelLoader(LayerRegistry.builtIn());

  private final LayerRegistry registry;

  private KerasModelLoader(LayerRegistry registry) {
    this.registry = registry;
  }

  /**
   * A loader with custom layers, as Keras's {@code custom_objects}:
   * {@code KerasModelLoader.builder().customLayer("CastToFloat32", c -> new MyCast(c.name()))
   * .build().loadModel(path)}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A SavedModel directory or an HDF5 file ({@code .h5}, {@code .hdf5}, {@code .keras}). */
  public static Model load(Path path) {
    return DEFAULT.loadModel(path);
  }

  /** Rebuilds the Keras model of the SavedModel in {@code dir} (tag {@code serve}). */
  public static Model fromSavedModel(Path dir) {
    return DEFAULT.loadModel(dir);
  }

  /** Rebuilds the Keras model of an already loaded SavedModel, reading its variables. */
  public static Model fromSavedModel(LoadedModel loaded) {
    return DEFAULT.loadModel(loaded);
  }

  /** Rebuilds the Keras model of an HDF5 file saved by Keras's {@code model.save}. */
  public static Model fromH5(Path file) {
    return DEFAULT.loadModel(file);
  }

  /** The layers this loader rebuilds. */
  public LayerRegistry registry() {
    return registry;
  }

  /** Rebuilds the model in a SavedModel directory or an HDF5 file with this loader's layers. */
  public Model loadModel(Path path) {
    if (Files.isDirectory(path)) {
      SavedModelInfo info = SavedModelInfo.read(path);
      KerasConfigs.fromSavedModel(info, info.metaGraph(LoadedModel.SERVE));
      try (LoadedModel loaded = LoadedModel.load(path)) {
        return loadModel(loaded);
      }
    }
    return loadH5(path);
  }

  /** Rebuilds the Keras model of an already loaded SavedModel, reading its variables. */
  public Model loadModel(LoadedModel loaded) {
    JsonNode config = KerasConfigs.fromSavedModel(loaded.info(), loaded.metaGraph());
    KerasArchitecture architecture = KerasArchitecture.of(config, loaded.dir().toString());
    return restored(architecture, loaded::readVariables);
  }

  private Model loadH5(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new SavedModelException("no Keras HDF5 file at " + file);
    }
    try (HdfFile h5 = new HdfFile(file)) {
      KerasArchitecture architecture =
          KerasArchitecture.of(KerasConfigs.fromH5(h5, file), file.toString());
      return restored(architecture, names -> H5Weights.read(h5, file, names));
    } catch (SavedModelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SavedModelException("cannot read " + file + " as a Keras HDF5 file: "
          + e.getMessage(), e);
    }
  }

  /** Configures a loader: custom layers, or a whole registry. */
  public static final class Builder {

    private LayerRegistry registry = LayerRegistry.builtIn();

    private Builder() {}

    /** Rebuilds Keras layers of class (or registered name) {@code className} with {@code factory}. */
    public Builder customLayer(String className, LayerFactory factory) {
      registry = registry.with(className, factory);
      return this;
    }

    /** Uses {@code registry} (e.g. one shared by several loaders). */
    public Builder registry(LayerRegistry registry) {
      this.registry = registry;
      return this;
    }

    /** The configured loader. */
    public KerasModelLoader build() {
      return new KerasModelLoader(registry);
    }
  }

  /** Builds the architecture and sets every layer's weights from {@code source}. */
  private Model restored(KerasArchitecture architecture,
      Function<List<String>, Map<String, FeatureArray>> source) {
    Model model = architecture.build(registry);
    try {
      List<String> names = model.weights().stream().map(Weight::name).toList();
      Map<String, FeatureArray> values = source.apply(names);
      for (Layer layer : model.layers()) {
        List<FeatureArray> layerValues =
            layer.weights().stream().map(w -> values.get(w.name())).toList();
        if (!layerValues.isEmpty()) {
          try {
            layer.setWeights(layerValues);
          } catch (IllegalArgumentException e) {
            throw new SavedModelException("cannot restore the weights of layer '" + layer.name()
                + "' from " + architecture.origin() + ": " + e.getMessage(), e);
          }
        }
      }
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
