package org.nsl4j.savedmodel;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.nsl4j.keras.io.OutputDirectory;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Model;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Exports a Keras-like {@link Model} as a SavedModel that Python TensorFlow, TensorFlow Serving
 * and {@link LoadedModel} load: tag {@code serve}, one signature {@code serving_default} (method
 * {@code tensorflow/serving/predict}) from the model's input (keyed by its input layer's name,
 * e.g. {@code image}) to its inference output (keyed by the output layer's name, e.g. {@code
 * dense_1}). The graph is the inference graph only, pruned from the model's graph: no training
 * or adversarial branch, no optimizer slots, no initializers; its variables keep their Keras
 * names ({@code conv2d/kernel}) and hold the model's current weights.
 *
 * <p>Beside the graph, a Sequential or functional model's Keras config (its layers, their
 * connections and which variable holds each weight) goes to {@code
 * assets.extra/keras_model.json}, so that {@link KerasModelLoader} rebuilds the export for
 * white-box attacks and fine-tuning. The SavedModel format leaves {@code assets.extra} to other
 * libraries: Python's {@code tf.saved_model.load} and TensorFlow Serving read only {@code
 * saved_model.pb}, {@code variables/} and the assets the graph lists, so they load the export as
 * without it. A subclassed model has no config: its export is inference-only.
 *
 * <p>The directory is written elsewhere first and moved into place, so a failed export leaves
 * nothing half-written. The export marks itself as its own with an {@link OutputDirectory}
 * manifest listing its entries ({@link #ENTRIES}); replacing a directory (with {@code
 * overwrite}) replaces only those entries, each atomically, and keeps every other file there
 * byte for byte. In Python:
 *
 * <pre>
 * m = tf.saved_model.load(dir)
 * probs = m.signatures['serving_default'](image=tf.constant(x))['dense_1']
 * </pre>
 */
public final class ModelExporter {

  /** The key of the exported signature. */
  public static final String SIGNATURE_KEY = Signature.DEFAULT_KEY;
  /** The method name of the exported signature, as TensorFlow Serving's Predict API expects. */
  public static final String PREDICT_METHOD = "tensorflow/serving/predict";
  /** The output key used when the output op belongs to no layer (e.g. subclassed models). */
  public static final String DEFAULT_OUTPUT_KEY = "output_0";
  /** The entries of an export directory this exporter writes, replaces or removes. */
  public static final List<String> ENTRIES =
      List.of("saved_model.pb", "fingerprint.pb", "variables/", "assets/", "assets.extra/");

  private static final String TOOL = "ModelExporter";

  private ModelExporter() {}

  /** Exports to {@code dir}, which must not exist or be empty. */
  public static SavedModelInfo export(Model model, Path dir) throws IOException {
    return export(model, dir, false);
  }

  /**
   * Exports to {@code dir}; with {@code overwrite}, the export's entries in a non-empty {@code
   * dir} are replaced once the new export is complete, and nothing else there is touched. Returns
   * what was written.
   */
  public static SavedModelInfo export(Model model, Path dir, boolean overwrite)
      throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    boolean fresh = isEmptyOrAbsent(target);
    if (!overwrite && !fresh) {
      throw new DirectoryNotEmptyException(
          target + " (refusing to overwrite a non-empty directory; ask for overwrite)");
    }
    OutputDirectory claimed = fresh ? null : claim(target);
    Operand<?> input = model.inputPlaceholder();
    Operand<?> output = model.output();
    Path work = OutputDirectory.createStaging(target);
    try {
      Path weights = work.resolve("weights").resolve("weights");
      model.saveWeights(weights);
      Path written = work.resolve("saved_model");
      GraphDef pruned = InferenceGraph.prune(
          model.backend().graph().toGraphDef(), output.op().name());
      checkVariables(model, pruned, input.op().name());
      try (Graph graph = new Graph(); Session session = new Session(graph)) {
        graph.importGraphDef(pruned);
        session.restore(weights.toString());
        Signature signature = Signature.builder()
            .key(SIGNATURE_KEY)
            .methodName(PREDICT_METHOD)
            .input(model.inputLayer().name(), graph.outputOrThrow(input.op().name()))
            .output(outputKey(model, output), graph.outputOrThrow(
                output.op().name() + ":" + output.asOutput().index()))
            .build();
        SavedModelBundle.exporter(written.toString())
            .withSession(session)
            .withSignature(signature)
            .export();
      }
      ExportedConfig.write(model, written);
      claim(written);
      if (fresh) {
        replace(target, written, work);
      } else {
        replaceEntries(claimed, written, work);
      }
      return SavedModelInfo.read(target);
    } finally {
      OutputDirectory.deleteRecursively(work);
    }
  }

  /** Claims {@code dir} as an export: its entries (of anyone) may be replaced, nothing else. */
  private static OutputDirectory claim(Path dir) throws IOException {
    return OutputDirectory.of(dir, TOOL).outputs(ENTRIES.toArray(String[]::new))
        .overwrite(true).claim();
  }

  /** The name of the layer whose scope holds the output op, or {@link #DEFAULT_OUTPUT_KEY}. */
  static String outputKey(Model model, Operand<?> output) {
    String scope = output.op().name().split("/", 2)[0];
    return model.layers().stream().map(Layer::name).filter(scope::equals).findFirst()
        .orElse(DEFAULT_OUTPUT_KEY);
  }

  /** The pruned graph must read the input and hold exactly the model's weights as variables. */
  private static void checkVariables(Model model, GraphDef pruned, String inputOp) {
    if (pruned.getNodeList().stream().noneMatch(n -> n.getName().equals(inputOp))) {
      throw new IllegalStateException(
          "the output of model '" + model.name() + "' does not depend on its input '" + inputOp
              + "'");
    }
    Set<String> weights = new TreeSet<>();
    model.weights().stream().map(Weight::variable).forEach(v -> weights.add(v.op().name()));
    List<String> unknown = pruned.getNodeList().stream()
        .filter(n -> VariableFiles.VARIABLE_OPS.contains(n.getOp())).map(NodeDef::getName)
        .filter(n -> !weights.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalStateException(
          "the inference graph of model '" + model.name() + "' reads variables that are not"
              + " layer weights: " + unknown);
    }
  }

  private static boolean isEmptyOrAbsent(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /**
   * Moves {@code written} to {@code target}, moving an existing target aside first and back again
   * if the move fails, so a failed overwrite keeps the previous export.
   */
  private static void replace(Path target, Path written, Path work) throws IOException {
    Path replaced = work.resolve("replaced");
    boolean hadTarget = Files.exists(target);
    if (hadTarget) {
      Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (hadTarget) {
        try {
          Files.move(replaced, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw e;
    }
  }

  /**
   * Moves each entry of {@code claimed} (those of the new export in {@code written}, and those an
   * earlier export listed) aside, then the new ones into place; on failure moves the old ones
   * back. Other files in the directory stay as they are.
   */
  private static void replaceEntries(OutputDirectory claimed, Path written, Path work)
      throws IOException {
    Path aside = Files.createDirectory(work.resolve("replaced"));
    List<String> moved = new ArrayList<>();
    try {
      for (String entry : claimed.outputs()) {
        String name = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
        if (Files.exists(claimed.dir().resolve(name))) {
          Files.createDirectories(aside.resolve(name).getParent());
          Files.move(claimed.dir().resolve(name), aside.resolve(name),
              StandardCopyOption.ATOMIC_MOVE);
          moved.add(name);
        }
        if (Files.exists(written.resolve(name))) {
          Files.move(written.resolve(name), claimed.dir().resolve(name),
              StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      for (String name : moved) {
        try {
          OutputDirectory.deleteRecursively(claimed.dir().resolve(name));
          Files.move(aside.resolve(name), claimed.dir().resolve(name),
              StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw e;
    }
  }
}
