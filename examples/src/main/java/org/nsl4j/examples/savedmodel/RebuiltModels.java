package org.nsl4j.examples.savedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Model;
import org.nsl4j.savedmodel.ImportedModel;
import org.nsl4j.savedmodel.InferenceOnlyException;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.ModelExporter;
import org.nsl4j.savedmodel.SavedModelException;

/** Python Keras models rebuilt for the commands, with errors that name {@code --model}. */
final class RebuiltModels {

  private RebuiltModels() {}

  /**
   * The Keras model of {@code model} (SavedModel, .keras or .h5) rebuilt by {@code loader};
   * {@code purpose} (e.g. {@code hardened}) words the error when it cannot be.
   */
  static ImportedModel rebuild(KerasModelLoader loader, Path model, String purpose) {
    try {
      return loader.importModel(model);
    } catch (InferenceOnlyException e) {
      throw new IllegalArgumentException("--model " + model + " cannot be " + purpose + ": "
          + e.getMessage(), e);
    } catch (SavedModelException e) {
      throw new IllegalArgumentException("--model " + model + " cannot be rebuilt as a Keras"
          + " model: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the signature of the SavedModel {@code model} once ({@code signature}, else {@code
   * serving_default} when it has one) on zeros, so that a model whose signature fails (a Keras 3
   * model whose checkpoint lacks its layer weights) is reported before any data is loaded or
   * surrogate rebuilt; {@code purpose} (e.g. {@code hardened}) words the error. Keras files and
   * SavedModels that do not load or have no such signature are left to the later checks, which
   * report them in context.
   */
  static void requireRuns(Path model, String signature, String purpose) {
    if (!Files.isRegularFile(model.resolve("saved_model.pb"))) {
      return;
    }
    LoadedModel loaded;
    try {
      loaded = LoadedModel.load(model);
    } catch (SavedModelException e) {
      return;
    }
    try (loaded) {
      String key = signature != null ? signature : ModelExporter.SIGNATURE_KEY;
      if (loaded.signatures().containsKey(key)) {
        loaded.requireRuns(key);
      }
    } catch (SavedModelException e) {
      throw new IllegalArgumentException("--model " + model + " cannot be " + purpose + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Freezes every BatchNormalization layer of {@code model} and its nested models (inference
   * mode, no updates), as Keras advises for fine-tuning; returns how many there were.
   */
  static int freezeBatchNormalization(Model model) {
    int n = 0;
    for (Layer layer : model.layers()) {
      if (layer instanceof Model nested) {
        n += freezeBatchNormalization(nested);
      } else if (layer.className().equals("BatchNormalization")) {
        layer.setTrainable(false);
        n++;
      }
    }
    return n;
  }
}
