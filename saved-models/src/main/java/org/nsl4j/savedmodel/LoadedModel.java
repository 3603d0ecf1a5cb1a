package org.nsl4j.savedmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nsl4j.keras.config.SessionOptions;
import org.nsl4j.keras.data.FeatureArray;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * A SavedModel loaded for inference: from TF1 graphs, {@code tf.Module}s, Keras 2 and Keras 3
 * exports alike. List its {@link #signatures()}, then call one by key on tensors or on {@link
 * FeatureArray}s (in batches if asked). Inputs are checked against the signature before
 * TensorFlow runs; every failure is a {@link SavedModelException} naming the directory, file,
 * signature or key at fault.
 *
 * <p>Thread safety: a loaded model may be shared by threads, which may call it at the same time
 * (each call gives the single-thread result; each signature's feeds and fetches are resolved once
 * and reused by every call). {@link #close} waits for the calls in flight to finish; calls made
 * after it has begun fail with an {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (LoadedModel m = LoadedModel.load(Path.of("mnist_cnn"))) {
 *   FeatureArray scores = m.predict(images, 256);
 * }
 * }</pre>
 */
public final class LoadedModel implements AutoCloseable {

  /** The tag of serving MetaGraphs, loaded by default. */
  public static final String SERVE = "serve";

  private final SavedModelInfo info;
  private final String[] tags;
  private final MetaGraphDef metaGraph;
  private final SavedModelBundle bundle;
  private volatile boolean closing;
  private final Map<String, Operand<?>> variableReaders = new HashMap<>();
  private final Map<String, SignatureInfo> signatures;
  private final Map<String, SignatureCall> calls = new ConcurrentHashMap<>();

  private LoadedModel(SavedModelInfo info, String[] tags, MetaGraphDef metaGraph,
      SavedModelBundle bundle) {
    this.info = info;
    this.tags = tags;
    this.metaGraph = metaGraph;
    this.bundle = bundle;
    this.signatures = info.signatures(tags);
  }

  /** Loads the MetaGraph tagged {@code serve} of the SavedModel in {@code dir}. */
  public static LoadedModel load(Path dir) {
    return load(dir, SERVE);
  }

  /** Loads the MetaGraph tagged exactly {@code tags} of the SavedModel in {@code dir}. */
  public static LoadedModel load(Path dir, String... tags) {
    return load(dir, SessionOptions.defaults(), tags);
  }

  /** Loads the MetaGraph tagged {@code serve} into a session run with {@code options}. */
  public static LoadedModel load(Path dir, SessionOptions options) {
    return load(dir, options, SERVE);
  }

  /**
   * Loads the MetaGraph tagged exactly {@code tags} into a session run with {@code options}:
   * threads, graph rewrites, a precision policy such as {@code mixed_bfloat16} for faster
   * inference on CPUs that have it.
   */
  public static LoadedModel load(Path dir, SessionOptions options, String... tags) {
    if (tags.length == 0) {
      throw new IllegalArgumentException("give at least one tag, e.g. \"serve\"");
    }
    SavedModelInfo info = SavedModelInfo.read(dir);
    MetaGraphDef metaGraph = info.metaGraph(tags);
    VariableFiles.requirePresent(dir, metaGraph);
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.loader(dir.toString()).withTags(tags)
          .withConfigProto(options.configForNewSession()).load();
    } catch (RuntimeException e) {
      throw VariableFiles.loadFailure(dir, e);
    }
    return new LoadedModel(info, tags.clone(), metaGraph, bundle);
  }

  /**
   * Runs signature {@code key} once on one example of zeros (unknown dimensions 1), so that a
   * SavedModel whose signature fails, as a Keras 3 model written by {@code tf.saved_model.save}
   * whose checkpoint lacks its layer weights, is reported by its {@link SavedModelException}
   * before any work is spent on it. Signatures with inputs other than float32, int64 or int32
   * tensors of known rank are not run.
   */
  public void requireRuns(String key) {
    ZeroInputs.of(signature(key)).ifPresent(inputs -> call(key, inputs));
  }


  /** The SavedModel directory. */
  public Path dir() {
    return info.dir();
  }

  /** The tags of the loaded MetaGraph. */
  public Set<String> tags() {
    return new LinkedHashSet<>(List.of(tags));
  }

  /** What the SavedModel declares (all tag sets and signatures), read from saved_model.pb. */
  public SavedModelInfo info() {
    return info;
  }

  /** The callable signatures of the loaded MetaGraph, by key. */
  public Map<String, SignatureInfo> signatures() {
    return signatures;
  }

  /** The signature called {@code key}; fails listing the available keys. */
  public SignatureInfo signature(String key) {
    SignatureInfo s = signatures().get(key);
    if (s == null) {
      throw new SavedModelException(
          "no signature '" + key + "' in " + dir() + " (signatures: " + signatures().keySet()
              + ")");
    }
    return s;
  }

  /** {@code serving_default}, or the only signature; fails if neither exists. */
  public SignatureInfo defaultSignature() {
    Map<String, SignatureInfo> all = signatures();
    if (all.containsKey(Signature.DEFAULT_KEY)) {
      return all.get(Signature.DEFAULT_KEY);
    }
    if (all.size() == 1) {
      return all.values().iterator().next();
    }
    throw new SavedModelException(
        dir() + " has no '" + Signature.DEFAULT_KEY + "' signature; name one of "
            + all.keySet());
  }

  /**
   * Runs signature {@code key} on tensors keyed by its input keys. The caller closes the result,
   * whose tensors are keyed by the signature's output keys.
   */
  public Result callTensors(String key, Map<String, Tensor> inputs) {
    SignatureInfo signature = signature(key);
    FeedCheck.keys(signature, inputs.keySet());
    inputs.forEach((k, t) -> FeedCheck.value(signature, signature.input(k), t.dataType(),
        t.shape()));
    return run(signature, inputs);
  }

  /** Runs signature {@code key} on feature arrays keyed by its input keys, in one batch. */
  public Map<String, FeatureArray> call(String key, Map<String, FeatureArray> inputs) {
    return call(key, inputs, 0);
  }

  /**
   * Runs signature {@code key} on feature arrays keyed by its input keys, {@code batchSize} rows
   * at a time ({@code 0} = all at once), and stacks the outputs. float32 arrays feed float32
   * inputs; int64 arrays feed int64 or int32 inputs.
   */
  public Map<String, FeatureArray> call(
      String key, Map<String, FeatureArray> inputs, int batchSize) {
    SignatureInfo signature = signature(key);
    FeedCheck.keys(signature, inputs.keySet());
    if (batchSize < 0) {
      throw new IllegalArgumentException("batchSize must be >= 0, got " + batchSize);
    }
    int rows = rows(signature, inputs);
    if (batchSize == 0 || rows <= batchSize) {
      return runArrays(signature, inputs, false);
    }
    Map<String, List<FeatureArray>> parts = new LinkedHashMap<>();
    for (int from = 0; from < rows; from += batchSize) {
      int to = Math.min(rows, from + batchSize);
      Map<String, FeatureArray> chunk = new LinkedHashMap<>();
      int f = from;
      inputs.forEach((k, v) -> chunk.put(k, v.rows(f, to)));
      runArrays(signature, chunk, true)
          .forEach((k, v) -> parts.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Map<String, FeatureArray> outputs = new LinkedHashMap<>();
    parts.forEach((k, v) -> outputs.put(k, FeatureArray.concat(v)));
    return outputs;
  }

  /** The single output of the default signature on its single input, in one batch. */
  public FeatureArray predict(FeatureArray x) {
    return predict(x, 0);
  }

  /** The single output of the default signature on its single input, in batches. */
  public FeatureArray predict(FeatureArray x, int batchSize) {
    SignatureInfo s = defaultSignature();
    if (s.inputs().size() != 1 || s.outputs().size() != 1) {
      throw new SavedModelException(
          "signature '" + s.key() + "' of " + dir() + " has inputs " + s.inputs().keySet()
              + " and outputs " + s.outputs().keySet()
              + "; predict needs exactly one of each, use call(key, inputs)");
    }
    String in = s.inputs().keySet().iterator().next();
    return call(s.key(), Map.of(in, x), batchSize).values().iterator().next();
  }

  /** The op reading variable {@code name}, built once per variable. */
  private synchronized Operand<?> variableReader(String name) {
    Operand<?> reader = variableReaders.get(name);
    if (reader == null) {
      NodeDef node = variableNode(name);
      GraphOperation op = bundle.graph().operationOrThrow(node.getName());
      Class<? extends TType> type = javaType(name, node.getAttrOrThrow("dtype").getType());
      reader = node.getOp().equals("VarHandleOp")
          ? Ops.create(bundle.graph()).withSubScope("read_variables")
              .readVariableOp(op.output(0), type)
          : op.output(0);
      variableReaders.put(name, reader);
    }
    return reader;
  }

  /**
   * The current values of the named variables (graph op names such as {@code conv2d_4/kernel},
   * or the shared names of resource variables), float32, int32 or int64.
   */
  public Map<String, FeatureArray> readVariables(Collection<String> names) {
    Session.Runner runner = bundle.session().runner();
    for (String name : names) {
      runner.fetch(variableReader(name));
    }
    Map<String, FeatureArray> values = new LinkedHashMap<>();
    try (Result r = runner.run()) {
      int i = 0;
      for (String name : names) {
        values.put(name, FeatureArray.fromTensor(r.get(i++)));
      }
    } catch (RuntimeException e) {
      throw new SavedModelException(
          "cannot read variables " + names + " of " + dir() + ": "
              + VariableFiles.firstLine(e.getMessage()), e);
    }
    return values;
  }

  private NodeDef variableNode(String name) {
    List<NodeDef> variables = metaGraph.getGraphDef().getNodeList().stream()
        .filter(n -> VariableFiles.VARIABLE_OPS.contains(n.getOp())).toList();
    return variables.stream().filter(n -> n.getName().equals(name)).findFirst()
        .or(() -> variables.stream()
            .filter(n -> n.containsAttr("shared_name")
                && n.getAttrOrThrow("shared_name").getS().toStringUtf8().equals(name))
            .findFirst())
        .orElseThrow(() -> new SavedModelException(
            "no variable '" + name + "' in " + info.file() + " (variables: "
                + VariableFiles.variableNames(metaGraph) + ")"));
  }

  private Class<? extends TType> javaType(String name, DataType dtype) {
    return switch (dtype) {
      case DT_FLOAT, DT_FLOAT_REF -> TFloat32.class;
      case DT_INT32, DT_INT32_REF -> TInt32.class;
      case DT_INT64, DT_INT64_REF -> TInt64.class;
      default -> throw new SavedModelException(
          "variable '" + name + "' of " + dir() + " is " + TensorSpec.dtypeName(dtype)
              + "; only float32, int32 and int64 variables can be read");
    };
  }

  /**
   * The loaded bundle (graph, session, MetaGraphDef) for lower-level use; it belongs to this
   * model, which closes it.
   */
  public SavedModelBundle bundle() {
    return bundle;
  }

  MetaGraphDef metaGraph() {
    return metaGraph;
  }

  private int rows(SignatureInfo signature, Map<String, FeatureArray> inputs) {
    int rows = -1;
    for (Map.Entry<String, FeatureArray> e : inputs.entrySet()) {
      int r = e.getValue().rows();
      if (rows >= 0 && r != rows) {
        throw new SavedModelException(
            "signature '" + signature.key() + "': inputs have different numbers of rows ("
                + inputs.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue().rows())
                    .toList() + ")");
      }
      rows = r;
    }
    return Math.max(rows, 0);
  }

  private Map<String, FeatureArray> runArrays(
      SignatureInfo signature, Map<String, FeatureArray> inputs, boolean batched) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    try {
      inputs.forEach((k, v) ->
          tensors.put(k, FeatureTensors.toTensor(signature, signature.input(k), v)));
      int rows = rows(signature, inputs);
      Map<String, FeatureArray> outputs = new LinkedHashMap<>();
      SignatureCall call = calls.computeIfAbsent(signature.key(),
          k -> new SignatureCall(bundle.graph(), signature));
      try (Result r = runCall(signature, call, tensors)) {
        int i = 0;
        for (String k : call.outputKeys()) {
          FeatureArray out = FeatureTensors.fromTensor(signature, k, r.get(i++));
          if (batched && (out.shape().length == 0 || out.rows() != rows)) {
            throw new SavedModelException(
                "signature '" + signature.key() + "' output '" + k + "' has shape "
                    + TensorSpec.dims(Shape.of(out.shape()))
                    + ", not one row per input row; call it without a batch size");
          }
          outputs.put(k, out);
        }
      }
      return outputs;
    } finally {
      tensors.values().forEach(Tensor::close);
    }
  }

  private Result runCall(SignatureInfo signature, SignatureCall call, Map<String, Tensor> inputs) {
    requireOpen();
    try {
      return call.run(bundle.session(), inputs);
    } catch (RuntimeException e) {
      throw RunFailure.explain(this, signature, e);
    }
  }

  private Result run(SignatureInfo signature, Map<String, Tensor> inputs) {
    requireOpen();
    try {
      return bundle.function(signature.key()).call(inputs);
    } catch (RuntimeException e) {
      throw RunFailure.explain(this, signature, e);
    }
  }

  private void requireOpen() {
    if (closing) {
      throw new IllegalStateException("LoadedModel " + dir() + " is closed");
    }
  }

  /**
   * Releases the graph and session. Calls already running finish first (with their results);
   * calls made once close has begun fail with an {@link IllegalStateException}, so that threads
   * still calling cannot keep it waiting.
   */
  @Override
  public void close() {
    closing = true;
    bundle.close();
  }

  @Override
  public String toString() {
    return "LoadedModel " + dir() + " " + tags() + " " + signatures().keySet();
  }
}
