package org.nsl4j.savedmodel;

import io.jhdf.exceptions.HdfException;
import java.nio.file.Path;
import org.nsl4j.keras.models.Model;

/**
 * Rebuilds a Keras model saved by Python as a Keras-like {@link Model} of this project's own
 * layers, with its trained weights. It reads, by content rather than file name:
 *
 * <ul>
 *   <li>a SavedModel directory written by Keras 2 (config in {@code keras_metadata.pb} or in
 *       {@code saved_model.pb}'s object graph; weights from its variables);
 *   <li>a {@code .keras} archive written by Keras 3 or by tf.keras 2.13 to 2.15 ({@code
 *       config.json}, {@code metadata.json}, {@code model.weights.h5});
 *   <li>a legacy HDF5 file written by Keras 2 or Keras 3 ({@code model.save('m.h5')}).
 * </ul>
 *
 * <p>Sequential models and Functional graphs of any shape (branches, merges, shared layers,
 * nested models, several inputs and outputs) are rebuilt; every layer weight in the file is used
 * exactly once, by the format's own matching rules, and the optimizer state saved beside it is
 * skipped. Custom layers are rebuilt by factories registered with {@link #builder()}, as Keras's
 * {@code custom_objects}. A file without a Keras config (a Keras 3 {@code model.export()}, a
 * {@code tf.Module}, a TF1 graph, a subclassed model) throws {@link InferenceOnlyException}: load
 * it with {@link LoadedModel} instead. Any other problem throws a {@link SavedModelException}
 * naming the file and layer; nothing partly loaded is returned. The caller closes the model.
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

  /** A SavedModel directory, a {@code .keras} archive or an HDF5 file, with the built-in layers. */
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

  /** What the model file at {@code path} is (format, Keras version), without rebuilding it. */
  public static ModelFileInfo probe(Path path) {
    try (KerasSource source = ModelFiles.open(path)) {
      return source.info();
    }
  }

  /**
   * What the model file at {@code path} declares (inputs, outputs, layer classes), without
   * rebuilding it; {@link InferenceOnlyException} when it holds no Keras config.
   */
  public static ModelDescription describe(Path path) {
    try (KerasSource source = ModelFiles.open(path)) {
      return ModelDescription.of(source.info(),
          ModelConfigParser.parse(source.modelConfig(), source.origin(),
              source.info().kerasVersion()));
    }
  }

  /** The layers this loader rebuilds. */
  public LayerRegistry registry() {
    return registry;
  }

  /** Rebuilds the model at {@code path} (any supported format) with this loader's layers. */
  public Model loadModel(Path path) {
    return importModel(path).model();
  }

  /** Rebuilds the Keras model of an already loaded SavedModel, reading its variables. */
  public Model loadModel(LoadedModel loaded) {
    try (KerasSource source = SavedModelSource.of(loaded)) {
      return rebuild(source).model();
    }
  }

  /** Rebuilds the model at {@code path}, telling what the file was and what its weights gave. */
  public ImportedModel importModel(Path path) {
    try (KerasSource source = ModelFiles.open(path)) {
      return rebuild(source);
    }
  }

  private ImportedModel rebuild(KerasSource source) {
    try {
      KerasArchitecture architecture = KerasArchitecture.of(source.modelConfig(),
          source.origin(), source.info().kerasVersion());
      KerasArchitecture.Rebuilt rebuilt = architecture.build(registry);
      try {
        WeightReport weights = source.restore(architecture, rebuilt);
        return new ImportedModel(rebuilt.model(), source.info(), weights);
      } catch (RuntimeException e) {
        rebuilt.close();
        throw e;
      }
    } catch (HdfException e) {
      throw new SavedModelException("cannot read the weights of " + source.info().path() + ": "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new SavedModelException("cannot restore the Keras model of " + source.info().path()
          + ": " + e.getMessage(), e);
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
}
