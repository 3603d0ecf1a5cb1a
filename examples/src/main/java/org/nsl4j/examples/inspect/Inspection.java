package org.nsl4j.examples.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Model;
import org.nsl4j.savedmodel.ImportedModel;
import org.nsl4j.savedmodel.InferenceOnlyException;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.ModelDescription;
import org.nsl4j.savedmodel.ModelFileInfo;
import org.nsl4j.savedmodel.ModelFormat;
import org.nsl4j.savedmodel.SavedModelException;
import org.nsl4j.savedmodel.SignatureInfo;
import org.nsl4j.savedmodel.TensorSpec;
import org.nsl4j.savedmodel.UnknownLayerException;
import org.tensorflow.ndarray.Shape;

/**
 * Inspects one model file into a JSON report: {@code format}, {@code keras_version}, the
 * config's {@code inputs}/{@code outputs}, the serving {@code signature}, and {@code rebuild}:
 * {@code rebuilt} true with the summary, parameter counts, weights used and skipped and the
 * {@code max_abs_diff} from the signature, or false with {@code reason_kind} ({@code
 * inference-only}, {@code custom-layer}, {@code unsupported-layer}, {@code not-rebuildable}) and
 * {@code reason}.
 */
final class Inspection {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final KerasModelLoader loader;
  private final int batch;
  private final long seed;

  Inspection(KerasModelLoader loader, int batch, long seed) {
    this.loader = loader;
    this.batch = batch;
    this.seed = seed;
  }

  /** The report on {@code path}; a path that is no model file fails. */
  ObjectNode of(Path path) {
    ModelFileInfo info = KerasModelLoader.probe(path);
    ObjectNode report = JSON.objectNode().put("path", path.toString())
        .put("format", info.format().name().toLowerCase(Locale.ROOT))
        .put("format_description", info.format().description())
        .put("keras_version", info.kerasVersion());
    describe(path, report);
    try (LoadedModel served = info.format() == ModelFormat.SAVED_MODEL
        ? LoadedModel.load(path) : null) {
      SignatureInfo signature = served == null ? null : servingSignature(served);
      if (signature != null) {
        report.set("signature", signature(signature));
      }
      report.set("rebuild", rebuild(path, served, signature));
    }
    return report;
  }

  private static void describe(Path path, ObjectNode report) {
    try {
      ModelDescription d = KerasModelLoader.describe(path);
      report.put("model_class", d.modelClass()).put("model_name", d.name());
      ArrayNode inputs = report.putArray("inputs");
      for (ModelDescription.Input in : d.inputs()) {
        ArrayNode shape = inputs.addObject().put("name", in.name()).put("dtype", in.dtype())
            .putArray("shape").addNull();
        in.shape().forEach(shape::add);
      }
      ArrayNode outputs = report.putArray("outputs");
      d.outputs().forEach(outputs::add);
      ObjectNode classes = report.putObject("layer_classes");
      d.layerClasses().forEach(classes::put);
    } catch (InferenceOnlyException e) {
      report.putNull("model_class");
    }
  }

  private static SignatureInfo servingSignature(LoadedModel served) {
    try {
      return served.defaultSignature();
    } catch (SavedModelException e) {
      return null;
    }
  }

  private static ObjectNode signature(SignatureInfo s) {
    ObjectNode node = JSON.objectNode().put("key", s.key());
    ArrayNode inputs = node.putArray("inputs");
    s.inputs().values().forEach(t -> inputs.add(tensor(t)));
    ArrayNode outputs = node.putArray("outputs");
    s.outputs().values().forEach(t -> outputs.add(tensor(t)));
    return node;
  }

  private static ObjectNode tensor(TensorSpec t) {
    ObjectNode node = JSON.objectNode().put("key", t.key()).put("dtype", t.dtypeName());
    node.set("shape", shape(t.shape()));
    return node;
  }

  private static ArrayNode shape(Shape shape) {
    ArrayNode dims = JSON.arrayNode();
    for (int i = 0; i < shape.numDimensions(); i++) {
      if (shape.get(i) < 0) {
        dims.addNull();
      } else {
        dims.add(shape.get(i));
      }
    }
    return dims;
  }

  private ObjectNode rebuild(Path path, LoadedModel served, SignatureInfo signature) {
    ObjectNode node = JSON.objectNode();
    try (ImportedModel imported = loader.importModel(path)) {
      Model model = imported.model();
      long trainable = model.trainableWeights().stream().mapToLong(Weight::size).sum();
      node.put("rebuilt", true).put("total_params", model.countParams())
          .put("trainable_params", trainable).put("weights_used", imported.weights().used());
      ObjectNode skipped = node.putObject("weights_skipped");
      imported.weights().skipped().forEach(skipped::put);
      ArrayNode outputs = node.putArray("output_shapes");
      model.outputs().forEach(o -> outputs.add(shape(o.shape())));
      node.put("summary", model.summaryText());
      if (signature != null) {
        parity(node, served, signature, model);
      }
    } catch (SavedModelException e) {
      node.put("rebuilt", false).put("reason_kind", kind(e)).put("reason", e.getMessage());
    }
    return node;
  }

  private void parity(ObjectNode node, LoadedModel served, SignatureInfo signature,
      Model model) {
    try {
      node.put("max_abs_diff", SignatureParity.maxAbsDiff(served, signature, model, batch, seed))
          .put("parity_batch", batch);
    } catch (RuntimeException e) {
      node.putNull("max_abs_diff").put("parity_error", e.getMessage());
    }
  }

  private static String kind(SavedModelException e) {
    if (e instanceof InferenceOnlyException) {
      return "inference-only";
    }
    if (e instanceof UnknownLayerException u) {
      return u.custom() ? "custom-layer" : "unsupported-layer";
    }
    return "not-rebuildable";
  }
}
