package org.nsl4j.keras.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.backend.CallContext;
import org.nsl4j.keras.config.SessionOptions;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.callbacks.CallbackList;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.metrics.Metric;
import org.nsl4j.keras.metrics.Metrics;
import org.nsl4j.keras.optimizers.Optimizer;
import org.nsl4j.keras.training.CompileConfig;
import org.nsl4j.keras.training.Feed;
import org.nsl4j.keras.training.FitOptions;
import org.nsl4j.keras.training.Trainer;
import org.nsl4j.keras.training.TrainingGraph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A Keras model assembled as a TensorFlow graph. Define it the three Keras ways: functionally
 * ({@code new Model(input, output)}), as a {@link Sequential}, or by subclassing and overriding
 * {@link #call(Operand, boolean)}. Then {@code compile}, {@code fit}, {@code evaluate}, {@code
 * predict}, {@code summary}, as in Keras. A model is also a layer: calling it on another tensor
 * reuses its weights. Close the top-level model to release its native graph and session.
 *
 * <p>A model is the compiled-trainable base of this library: {@code compile} records the
 * optimizer, losses and metrics; the first {@code fit}, {@code evaluate} or checkpoint builds the
 * training graph ({@link #buildTrainingGraph()}); checkpoints hold the weights and the
 * optimizer's slots. A subclass with another training objective, such as NSL's {@code
 * AdversarialRegularization}, wraps a model ({@link #Model(Model, String)}) and overrides only
 * {@link #buildTrainingGraph()}.
 */
public class Model extends Layer implements AutoCloseable {

  private static final long DEFAULT_SEED = 42;

  private final FunctionalGraph graph;
  /** The model a wrapper subclass shares everything with but its training graph, or null. */
  private final Model wrapped;
  private List<InputLayer> inputLayers;
  private final List<Object> layers = new ArrayList<>();
  private long seed = DEFAULT_SEED;
  private Backend ownedBackend;
  private List<Placeholder<TFloat32>> inputs;
  private List<Operand<TFloat32>> outputs;
  private CompileConfig compileConfig;
  private TrainingGraph trainingGraph;
  private History history;
  private boolean stopTraining;
  private final Map<List<Weight>, WeightsFile> weightsFiles = new HashMap<>();

  /** A functional model from {@code inputs} to {@code outputs}. */
  public Model(KerasTensor inputs, KerasTensor outputs) {
    this(inputs, outputs, null);
  }

  /** A functional model with a name. */
  public Model(KerasTensor inputs, KerasTensor outputs, String name) {
    this(List.of(inputs), List.of(outputs), name);
  }

  /** A functional model with several inputs and outputs, e.g. {@code (List.of(a, b), List.of(y))}. */
  public Model(List<KerasTensor> inputs, List<KerasTensor> outputs) {
    this(inputs, outputs, null);
  }

  /**
   * A functional model with several inputs and outputs and a name. The layers between them may
   * form any directed acyclic graph: branches, merges, shared layers and nested models.
   */
  public Model(List<KerasTensor> inputs, List<KerasTensor> outputs, String name) {
    super(name);
    this.graph = FunctionalGraph.of(inputs, outputs);
    this.wrapped = null;
    this.inputLayers = graph.inputLayers();
  }

  /** For subclasses (and {@link Sequential}): override {@link #call(Operand, boolean)}. */
  protected Model(String name) {
    super(name);
    this.graph = null;
    this.wrapped = null;
  }

  /**
   * For wrapper subclasses, as NSL's wrappers subclass {@code keras.Model} around a base model:
   * a model that shares {@code inner}'s graph, session, inputs, weights and inference outputs
   * (its call is {@code inner}'s) and has its own compile state and training graph. Closing the
   * wrapper does nothing; close {@code inner}.
   */
  protected Model(Model inner, String name) {
    super(name);
    this.graph = null;
    this.wrapped = Objects.requireNonNull(inner, "inner");
  }

  /** For subclasses, with a generated name. */
  protected Model() {
    this((String) null);
  }

  /**
   * The forward pass of a one-input, one-output model. Functional models replay their layers;
   * subclasses override this (or {@link #call(List, boolean)} for several inputs or outputs) and
   * apply their layers with {@code layer.apply(x)} (which follows {@code training}).
   */
  protected Operand<TFloat32> call(Operand<TFloat32> inputs, boolean training) {
    if (graph == null) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " must override call(inputs, training)");
    }
    return single(graph.replay(List.of(inputs), training), "outputs");
  }

  /**
   * The forward pass on all inputs, in the order of {@link #inputLayers()}, giving all outputs.
   * By default a one-input model's {@link #call(Operand, boolean)}.
   */
  protected List<Operand<TFloat32>> call(List<Operand<TFloat32>> inputs, boolean training) {
    if (graph != null) {
      return graph.replay(inputs, training);
    }
    if (wrapped != null) {
      return wrapped.applyAll(inputs, training);
    }
    return List.of(call(single(inputs, "inputs"), training));
  }

  @Override
  protected final List<Operand<TFloat32>> callAll(
      Ops tf, List<Operand<TFloat32>> xs, boolean training) {
    CallContext outer = CallContext.current();
    try (CallContext c = CallContext.enter(outer.backend(), tf, training, layers, outer.updates())) {
      return frozenAfter(call(xs, training));
    }
  }

  /** Functional API: every output of this model applied to {@code inputs}, as a nested model. */
  public List<KerasTensor> applyOutputs(List<KerasTensor> inputs) {
    return KerasTensor.outputsOf(this, inputs, outputCount());
  }

  /** The number of outputs, known without building for functional models. */
  private int outputCount() {
    return graph != null ? graph.outputNames().size() : outputs().size();
  }

  /** Sets the seed of weight initializers and dropout; call before the model is built. */
  public Model seed(long seed) {
    if (outputs != null) {
      throw new IllegalStateException("the seed must be set before the model is built");
    }
    this.seed = seed;
    return this;
  }

  /** Sets the input of a subclassed model, then builds it. */
  public Model build(String inputName, long... exampleShape) {
    return build(List.of(new InputLayer(inputName, exampleShape)));
  }

  /** Sets the input shape of a subclassed model (input named {@code input}), then builds it. */
  public Model build(long... exampleShape) {
    return build("input", exampleShape);
  }

  /** Sets the inputs of a subclassed model that takes several, then builds it. */
  public Model build(List<InputLayer> inputLayers) {
    if (this.inputLayers != null && outputs != null) {
      throw new IllegalStateException("model '" + name() + "' is already built");
    }
    this.inputLayers = List.copyOf(inputLayers);
    build();
    return this;
  }

  /** Sets the input layer (for {@link Sequential}). */
  protected void setInputLayer(InputLayer layer) {
    if (outputs != null) {
      throw new IllegalStateException("model '" + name() + "' is already built");
    }
    this.inputLayers = List.of(layer);
  }

  /** Builds the inference graph: creates the backend, the input placeholders and all weights. */
  public void build() {
    if (outputs != null) {
      return;
    }
    if (wrapped != null) {
      buildAroundWrapped();
      return;
    }
    if (inputLayers == null) {
      throw new IllegalStateException(
          "model '" + name() + "' has no input shape: start it with an InputLayer or call"
              + " build(shape)");
    }
    Backend b = backend();
    if (b == null) {
      ownedBackend = new Backend(seed);
      attach(ownedBackend);
      b = ownedBackend;
    }
    List<Placeholder<TFloat32>> ps = new ArrayList<>();
    for (InputLayer in : inputLayers) {
      ps.add(b.tf().withName(in.name())
          .placeholder(TFloat32.class, Placeholder.shape(in.batchShape())));
    }
    inputs = List.copyOf(ps);
    outputs = callInBranch(null, List.copyOf(ps), false, new ArrayList<>());
  }

  /** A wrapper's inference graph is its inner model's: same placeholders and outputs. */
  private void buildAroundWrapped() {
    wrapped.build();
    attach(wrapped.backend());
    layers.add(wrapped);
    inputLayers = wrapped.inputLayers();
    inputs = wrapped.inputPlaceholders();
    outputs = wrapped.outputs();
  }

  /**
   * Calls the model on {@code x} in a named branch of the graph ({@code null} = root), reusing
   * its weights; update ops created (e.g. moving statistics in training) go to {@code updates}.
   * The model must have one input and one output.
   */
  public Operand<TFloat32> callInBranch(
      String branch, Operand<TFloat32> x, boolean training, List<Op> updates) {
    return single(callInBranch(branch, List.of(x), training, updates), "outputs");
  }

  /** {@link #callInBranch(String, Operand, boolean, List)} on all inputs, giving all outputs. */
  public List<Operand<TFloat32>> callInBranch(
      String branch, List<Operand<TFloat32>> xs, boolean training, List<Op> updates) {
    Backend b = backend();
    if (b == null) {
      build();
      b = backend();
    }
    Ops tf = branch == null ? b.tf() : b.tf().withSubScope(branch);
    try (CallContext c = CallContext.enter(b, tf, training, layers, updates)) {
      return frozenAfter(List.copyOf(call(xs, training)));
    }
  }

  private <T> T single(List<T> values, String what) {
    if (values.size() != 1) {
      throw new IllegalStateException("model '" + name() + "' has " + values.size() + " " + what
          + "; use the list form of this method");
    }
    return values.get(0);
  }

  /** The layers in the order they are first called (built on demand). */
  public List<Layer> layers() {
    build();
    return layers.stream().map(Layer.class::cast).toList();
  }

  /** The layer called {@code name}. */
  public Layer getLayer(String name) {
    return layers().stream().filter(l -> l.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "no layer '" + name + "' in model '" + name() + "' (it has "
                + layers().stream().map(Layer::name).toList() + ")"));
  }

  /** The input layer (name = feature key, shape of one example), or null before it is set. */
  public InputLayer inputLayer() {
    return inputLayers == null ? null : single(inputLayers, "inputs");
  }

  /** All input layers in the order {@code call} takes them, or null before they are set. */
  public List<InputLayer> inputLayers() {
    return inputLayers;
  }

  /** The input placeholder of the inference graph (one-input models). */
  public Placeholder<TFloat32> inputPlaceholder() {
    build();
    return single(inputs, "inputs");
  }

  /** The input placeholders of the inference graph, one per input layer. */
  public List<Placeholder<TFloat32>> inputPlaceholders() {
    build();
    return inputs;
  }

  /** The input placeholder fed from feature {@code key}, with the input's shape checked. */
  public Feed inputFeed(String key) {
    build();
    return new Feed(key, inputPlaceholder(), FeatureArray.DType.FLOAT32, inputLayer().shape());
  }

  /** One feed per input, each fed from the feature named after its input layer. */
  public List<Feed> inputFeeds() {
    build();
    List<Feed> feeds = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      InputLayer in = inputLayers.get(i);
      feeds.add(new Feed(in.name(), inputs.get(i), FeatureArray.DType.FLOAT32, in.shape()));
    }
    return feeds;
  }

  /** The inference output (training = false) of a one-output model. */
  public Operand<TFloat32> output() {
    build();
    return single(outputs, "outputs");
  }

  /** All inference outputs (training = false), in order. */
  public List<Operand<TFloat32>> outputs() {
    build();
    return outputs;
  }

  /**
   * The names of the outputs, as Keras's {@code output_names}: the layers producing them for a
   * functional model, else the last layer called (one output) or {@code output_0}, {@code
   * output_1}...
   */
  public List<String> outputNames() {
    if (graph != null) {
      return graph.outputNames();
    }
    if (wrapped != null) {
      return wrapped.outputNames();
    }
    List<Layer> all = layers();
    if (outputs.size() == 1) {
      return List.of(all.isEmpty() ? name() : all.get(all.size() - 1).name());
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      names.add("output_" + i);
    }
    return names;
  }

  /**
   * Sets how TensorFlow runs this model's session (threads, graph rewrites, precision policy);
   * call before its first fit, evaluate or predict. A wrapper sharing the model shares them.
   */
  public Model sessionOptions(SessionOptions options) {
    build();
    backend().sessionOptions(options);
    return this;
  }

  /** The session options of this model (with the policy it runs under, once it runs). */
  public SessionOptions sessionOptions() {
    build();
    return backend().sessionOptions();
  }

  /** The session that holds this model's weights. */
  public Session session() {
    build();
    return backend().session();
  }

  @Override
  public List<Weight> weights() {
    List<Weight> all = new ArrayList<>();
    for (Object l : layers) {
      all.addAll(((Layer) l).weights());
    }
    return Collections.unmodifiableList(all);
  }

  /**
   * Freezes or unfreezes the model and, as Keras's {@code model.trainable = ...}, every layer in
   * it (nested models included): a frozen BatchNormalization then runs in inference mode.
   */
  @Override
  public void setTrainable(boolean trainable) {
    super.setTrainable(trainable);
    for (Object l : layers) {
      ((Layer) l).setTrainable(trainable);
    }
  }

  /** Freezes the layers a frozen model has just called for the first time; returns {@code out}. */
  private List<Operand<TFloat32>> frozenAfter(List<Operand<TFloat32>> out) {
    if (!isTrainable()) {
      setTrainable(false);
    }
    return out;
  }

  @Override
  public List<Weight> trainableWeights() {
    if (!isTrainable()) {
      return List.of();
    }
    List<Weight> all = new ArrayList<>();
    for (Object l : layers) {
      all.addAll(((Layer) l).trainableWeights());
    }
    return all;
  }

  @Override
  public List<Operand<TFloat32>> regularizationLosses(Ops tf) {
    List<Operand<TFloat32>> all = new ArrayList<>();
    for (Object l : layers) {
      all.addAll(((Layer) l).regularizationLosses(tf));
    }
    return all;
  }

  /**
   * The Keras config of a Sequential or functional model, as Keras's {@code get_config()}: its
   * name and layers (with their configs, inbound nodes and the model's input and output layers),
   * enough for the Keras importer to rebuild it; a wrapper gives its inner model's.
   *
   * @throws UnsupportedOperationException for a subclassed model, whose connections are code (as
   *     Keras raises {@code NotImplementedError}); see {@link #hasLayerGraph()}
   */
  @Override
  public Map<String, Object> getConfig() {
    if (wrapped != null) {
      return wrapped.getConfig();
    }
    if (graph == null) {
      throw new UnsupportedOperationException("model '" + name() + "' is subclassed ("
          + getClass().getSimpleName() + "): its layers are connected in code, so it has no"
          + " Keras config");
    }
    return ModelConfig.functional(this, graph);
  }

  /**
   * Whether {@link #getConfig()} describes this model: a Sequential or functional model (or a
   * wrapper of one) whose nested models are Sequential or functional too.
   */
  public boolean hasLayerGraph() {
    if (wrapped != null) {
      return wrapped.hasLayerGraph();
    }
    return (graph != null || this instanceof Sequential) && layers().stream()
        .allMatch(l -> !(l instanceof Model m) || m.hasLayerGraph());
  }

  /**
   * The model as Keras's {@code to_json()} writes it, before the text: {@code {"class_name":
   * "Sequential" or "Functional", "config": getConfig()}}.
   */
  public Map<String, Object> toJsonConfig() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("class_name", kerasClassName());
    json.put("config", getConfig());
    return json;
  }

  /** {@code Sequential} or {@code Functional}, the class Keras gives this model in configs. */
  String kerasClassName() {
    if (wrapped != null) {
      return wrapped.kerasClassName();
    }
    return this instanceof Sequential ? ModelConfig.SEQUENTIAL : ModelConfig.FUNCTIONAL;
  }

  /** The layer graph of a functional model, or null for Sequential and subclassed models. */
  FunctionalGraph functionalGraph() {
    return graph;
  }

  /** The Keras summary table as text. */
  public String summaryText() {
    build();
    return Summary.of(this);
  }

  /** Prints the Keras summary table. */
  public void summary() {
    System.out.print(summaryText());
  }

  /** Configures training, with Keras strings: e.g. {@code ("adam", loss, "accuracy")}. */
  public void compile(String optimizer, String loss, String... metrics) {
    compile(Optimizer.get(optimizer), Losses.get(loss), metrics);
  }

  /** Configures training with objects; metric names resolve against {@code loss}. */
  public void compile(Optimizer optimizer, Loss loss, String... metrics) {
    compile(optimizer, loss, Metrics.resolve(loss, metrics));
  }

  /** Configures training with objects; a model with several outputs applies both to each. */
  public void compile(Optimizer optimizer, Loss loss, List<Metric> metrics) {
    compile(CompileConfig.of(optimizer, loss, metrics));
  }

  /**
   * Configures training of a model with several outputs, as Keras's dictionary arguments: a
   * loss per output name, loss weights (1 for an output not named) and metrics per output name
   * (e.g. {@code Metrics.resolve(loss, "accuracy")}). The objective is {@code sum(weight *
   * loss)} plus the weight penalties; logs name {@code loss}, {@code <output>_loss} and {@code
   * <output>_<metric>}.
   */
  public void compile(Optimizer optimizer, Map<String, Loss> losses,
      Map<String, Double> lossWeights, Map<String, List<Metric>> metrics) {
    compile(CompileConfig.of(optimizer, losses, lossWeights, metrics));
  }

  /** Configures training; every other {@code compile} comes here. */
  public void compile(CompileConfig config) {
    if (trainingGraph != null) {
      throw new IllegalStateException(
          "model '" + name() + "' already built its training graph (by fit, evaluate or a"
              + " checkpoint); build a new model to compile it differently");
    }
    this.compileConfig = Objects.requireNonNull(config, "config");
  }

  /** What {@code compile} configured, or null before it. */
  public CompileConfig compileConfig() {
    return compileConfig;
  }

  /** The compiled loss shared by every output, or null (not compiled, or one loss per output). */
  public Loss loss() {
    return compileConfig == null ? null : compileConfig.sharedLoss();
  }

  /** The compiled optimizer, or null. */
  public Optimizer optimizer() {
    return compileConfig == null ? null : compileConfig.optimizer();
  }

  /** The compiled metrics shared by every output (empty when none or given per output). */
  public List<Metric> metrics() {
    return compileConfig == null || compileConfig.sharedMetrics() == null
        ? List.of() : compileConfig.sharedMetrics();
  }

  /** Trains on a batched dataset of {@code (x, y)} tuples for {@code epochs} epochs. */
  public History fit(Dataset data, int epochs) {
    return fit(data, FitOptions.epochs(epochs));
  }

  /**
   * Trains on a batched dataset of {@code (x, y)} tuples, as Keras's {@code x} and {@code y}: a
   * model with several inputs takes them under their names instead of {@code x}, one with
   * several outputs its labels under the output names instead of {@code y}. Wrappers document
   * their own ({@code AdversarialRegularization} takes feature dictionaries with labels).
   * Callbacks in {@code options} run through the Keras lifecycle ({@code
   * org.nsl4j.keras.callbacks.Callback}).
   */
  public History fit(Dataset data, FitOptions options) {
    TrainingGraph g = trainingGraph();
    history = new History();
    stopTraining = false;
    return Trainer.fit(session(), g, data, options, new CallbackList(options.callbacks(), this));
  }

  /** Trains on arrays, shuffled each epoch, as Keras's {@code fit(x, y, batch_size, epochs)}. */
  public History fit(FeatureArray x, FeatureArray y, int batchSize, int epochs) {
    Dataset data = Dataset.fromTensorSlices(x, y).shuffle(x.rows(), seed).batch(batchSize);
    return fit(data, epochs);
  }

  /** The history of the running or last {@code fit} (Keras's {@code model.history}), or null. */
  public History history() {
    return history;
  }

  /** Whether a callback asked the running {@code fit} to stop (Keras's {@code stop_training}). */
  public boolean isStopTraining() {
    return stopTraining;
  }

  /** Asks the running {@code fit} to stop after the current batch, as a callback does. */
  public void setStopTraining(boolean stop) {
    this.stopTraining = stop;
  }

  /** Evaluates on a batched dataset (as {@code fit} takes it): metric → value, loss first. */
  public Map<String, Double> evaluate(Dataset data) {
    return evaluate(data, 1);
  }

  /** Evaluates with the given verbosity (0 = silent). */
  public Map<String, Double> evaluate(Dataset data, int verbose) {
    return Trainer.evaluate(session(), trainingGraph(), data, verbose);
  }

  /** Predictions for {@code x}, in batches of {@code batchSize}. */
  public FeatureArray predict(FeatureArray x, int batchSize) {
    return predict(Dataset.fromTensorSlices(Features.of(inputLayer().name(), x)).batch(batchSize));
  }

  /** Predictions for {@code x}, in batches of 32. */
  public FeatureArray predict(FeatureArray x) {
    build();
    return predict(x, 32);
  }

  /** Predictions for a batched dataset of tuples or of dictionaries holding the input key. */
  public FeatureArray predict(Dataset data) {
    if (outputs().size() != 1 || inputs.size() != 1) {
      return predictAll(data).get(0);
    }
    String key = inputLayer().name();
    return Trainer.predict(session(), List.of(inputFeed(key)), outputs(),
        data.map(f -> f.isTuple() && !f.has(key) ? Features.of(key, f.get(Features.X)) : f))
        .get(0);
  }

  /**
   * Every output's predictions for a batched dataset of dictionaries keyed by the input names
   * (Keras's {@code predict} on a multi-input, multi-output model), in output order.
   */
  public List<FeatureArray> predictAll(Dataset data) {
    return Trainer.predict(session(), inputFeeds(), outputs(), data);
  }

  /** Saves all weights as a TensorFlow checkpoint at {@code prefix} (.index and .data files). */
  public void saveWeights(Path prefix) throws IOException {
    build();
    weightsFile(weights()).save(prefix);
  }

  /**
   * Restores weights saved by {@link #saveWeights} (or {@link #saveCheckpoint}); names and shapes
   * must match, else nothing changes.
   */
  public void loadWeights(Path prefix) throws IOException {
    build();
    weightsFile(weights()).load(prefix);
  }

  /**
   * Saves the weights and the training state (optimizer slots of this model's graph, including a
   * wrapper's), so that {@link #loadCheckpoint} resumes training exactly where it stopped.
   */
  public void saveCheckpoint(Path prefix) throws IOException {
    weightsFile(withTrainingState()).save(prefix);
  }

  /** Restores weights and training state saved by {@link #saveCheckpoint}. */
  public void loadCheckpoint(Path prefix) throws IOException {
    weightsFile(withTrainingState()).load(prefix);
  }

  private List<Weight> withTrainingState() {
    if (compileConfig != null) {
      trainingGraph();
    }
    build();
    List<Weight> all = new ArrayList<>(weights());
    for (var v : backend().trainingState()) {
      all.add(new Weight(v.op().name(), v, v.shape(), false));
    }
    return all;
  }

  private WeightsFile weightsFile(List<Weight> entries) {
    return weightsFiles.computeIfAbsent(List.copyOf(entries), e -> new WeightsFile(backend(), e));
  }

  /** The training graph, built from the compile configuration on first use. */
  private TrainingGraph trainingGraph() {
    if (compileConfig == null) {
      throw new IllegalStateException(
          "model '" + name() + "' must be compiled before fit or evaluate");
    }
    build();
    if (trainingGraph == null) {
      trainingGraph = buildTrainingGraph();
    }
    return trainingGraph;
  }

  /**
   * Builds this model's training graph from {@link #compileConfig()}, once, when {@code fit},
   * {@code evaluate} or a checkpoint first needs it: the compiled loss of every output plus the
   * weight penalties, minimized by the optimizer. Subclasses with another objective override it.
   */
  protected TrainingGraph buildTrainingGraph() {
    return StandardTraining.build(this);
  }

  /** Releases the graph and session if this model created them. */
  @Override
  public void close() {
    if (ownedBackend != null) {
      ownedBackend.close();
      ownedBackend = null;
    }
  }

  /** Example shape of the (one) input, or null before it is known. */
  public Shape inputShape() {
    return inputLayers == null ? null : Shape.of(inputLayer().shape());
  }
}
