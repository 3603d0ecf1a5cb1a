package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Path;

/** A legacy Keras HDF5 file: config in attribute {@code model_config}, weights in groups. */
final class H5Source implements KerasSource {

  private final Path file;
  private final HdfFile h5;
  private final ModelFileInfo info;

  H5Source(Path file) {
    this.file = file;
    try {
      this.h5 = new HdfFile(file);
    } catch (HdfException e) {
      throw new SavedModelException(file + " is not a readable HDF5 file: " + e.getMessage(), e);
    }
    String version = H5Arrays.text(h5, "keras_version");
    if (version == null && h5.getChild("model_weights") != null) {
      version = H5Arrays.text(h5.getChild("model_weights"), "keras_version");
    }
    version = version == null ? "unknown" : version;
    info = new ModelFileInfo(file,
        version.startsWith("3.") ? ModelFormat.H5_KERAS3 : ModelFormat.H5_KERAS2, version);
  }

  @Override
  public ModelFileInfo info() {
    return info;
  }

  @Override
  public String origin() {
    return file + " (model_config attribute)";
  }

  @Override
  public JsonNode modelConfig() {
    return KerasConfigs.fromH5(h5, file);
  }

  @Override
  public WeightReport restore(KerasArchitecture architecture, KerasArchitecture.Rebuilt rebuilt) {
    return H5Weights.restore(h5, file.toString(), rebuilt, architecture.root());
  }

  @Override
  public void close() {
    h5.close();
  }
}
