package org.nsl4j.keras.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.backend.CallContext;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.training.Feed;
import org.nsl4j.keras.training.FitOptions;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.losses.Loss;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.metrics.Metric;
import org.nsl4j.keras.metrics.Metrics;
import org.nsl4j.keras.training.Trainable;
import org.nsl4j.keras.training.Trainer;
import org.nsl4j.keras.training.TrainingGraph;
import org.nsl4j.keras.optimizers.Optimizer;
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
 */
public class Model extends Layer implements Trainable, AutoCloseable {

  private static final long DEFAULT_SEED = 42;

  private final KerasTensor inputTensor;
  private final KerasTensor outputTensor;
  private InputLayer inputLayer;
  private final List<Object> layers = new ArrayList<>();
  private long seed = DEFAULT_SEED;
  private Backend ownedBackend;
  private Placeholder<TFloat32> input;
  private Operand<TFloat32> output;
  private Loss loss;
  private Optimizer optimizer;
  private List<Metric> metrics = List.of();
  private TrainingGraph trainingGraph;
  private final Map<List<Weight>, WeightsFile> weightsFiles = new HashMap<>();

  /** A functional model from {@code inputs} to {@code outputs}. */
  public Model(KerasTensor inputs, KerasTensor outputs) {
    this(inputs, outputs, null);
  }

  /** A functional model with a name. */
  public Model(KerasTensor inputs, KerasTensor outputs, String name) {
    super(name);
    if (inputs == null || !inputs.isInput()) {
      throw new IllegalArgumentException("inputs must come from Input.of(...)");
    }
    KerasTensor t = outputs;
    while (t != null && !t.isInput()) {
      t = t.input();
    }
    if (t != inputs) {
      throw new IllegalArgumentException(
          "outputs are not computed from the given inputs (graph disconnected)");
    }
    this.inputTensor = inputs;
    this.outputTensor = outputs;
    this.inputLayer = (InputLayer) inputs.layer();
  }

  /** For subclasses (and {@link Sequential}): override {@link #call(Operand, boolean)}. */
  protected Model(String name) {
    super(name);
    this.inputTensor = null;
    this.outputTensor = null;
  }

  /** For subclasses, with a generated name. */
  protected Model() {
    this((String) null);
  }

  /**
   * The forward pass. Functional models replay their layers; subclasses override this and apply
   * their layers with {@code layer.apply(x)} (which follows {@code training}).
   */
  protected Operand<TFloat32> call(Operand<TFloat32> inputs, boolean training) {
    if (outputTensor == null) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " must override call(inputs, training)");
    }
    return replay(outputTensor, inputs, training);
  }

  private Operand<TFloat32> replay(KerasTensor t, Operand<TFloat32> x, boolean training) {
    return t.isInput() ? x : t.layer().apply(replay(t.input(), x, training), training);
  }

  @Override
  protected final Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, boolean training) {
    CallContext outer = CallContext.current();
    try (CallContext c = CallContext.enter(outer.backend(), tf, training, layers, outer.updates())) {
      return call(x, training);
    }
  }

  /** Sets the seed of weight initializers and dropout; call before the model is built. */
  public Model seed(long seed) {
    if (output != null) {
      throw new IllegalStateException("the seed must be set before the model is built");
    }
    this.seed = seed;
    return this;
  }

  /** Sets the input of a subclassed model, then builds it. */
  public Model build(String inputName, long... exampleShape) {
    if (inputLayer != null && output != null) {
      throw new IllegalStateException("model '" + name() + "' is already built");
    }
    inputLayer = new InputLayer(inputName, exampleShape);
    build();
    return this;
  }

  /** Sets the input shape of a subclassed model (input named {@code input}), then builds it. */
  public Model build(long... exampleShape) {
    return build("input", exampleShape);
  }

  /** Sets the input layer (for {@link Sequential}). */
  protected void setInputLayer(InputLayer layer) {
    if (output != null) {
      throw new IllegalStateException("model '" + name() + "' is already built");
    }
    this.inputLayer = layer;
  }

  /** Builds the inference graph: creates the backend, the input placeholder and all weights. */
  public void build() {
    if (output != null) {
      return;
    }
    if (inputLayer == null) {
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
    input = b.tf().withName(inputLayer.name())
        .placeholder(TFloat32.class, Placeholder.shape(inputLayer.batchShape()));
    output = callInBranch(null, input, false, new ArrayList<>());
  }

  /**
   * Calls the model on {@code x} in a named branch of the graph ({@code null} = root), reusing
   * its weights; update ops created (e.g. moving statistics in training) go to {@code updates}.
   */
  public Operand<TFloat32> callInBranch(
      String branch, Operand<TFloat32> x, boolean training, List<Op> updates) {
    Backend b = backend();
    if (b == null) {
      build();
      b = backend();
    }
    Ops tf = branch == null ? b.tf() : b.tf().withSubScope(branch);
    try (CallContext c = CallContext.enter(b, tf, training, layers, updates)) {
      return call(x, training);
    }
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
    return inputLayer;
  }

  /** The input placeholder of the inference graph. */
  public Placeholder<TFloat32> inputPlaceholder() {
    build();
    return input;
  }

  /** The input placeholder fed from feature {@code key}, with the input's shape checked. */
  public Feed inputFeed(String key) {
    build();
    return new Feed(key, input, FeatureArray.DType.FLOAT32, inputLayer.shape());
  }

  /** The inference output (training = false). */
  public Operand<TFloat32> output() {
    build();
    return output;
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

  /** Whether this is a functional model (its summary lists the input layer). */
  boolean isFunctional() {
    return inputTensor != null;
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

  /** Configures training with objects. */
  public void compile(Optimizer optimizer, Loss loss, List<Metric> metrics) {
    if (trainingGraph != null) {
      throw new IllegalStateException(
          "model '" + name() + "' already built its training graph (by fit, evaluate or a"
              + " checkpoint); build a new model to compile it differently");
    }
    this.optimizer = optimizer;
    this.loss = loss;
    this.metrics = List.copyOf(metrics);
  }

  /** The compiled loss, or null. */
  public Loss loss() {
    return loss;
  }

  /** The compiled optimizer, or null. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** The compiled metrics. */
  public List<Metric> metrics() {
    return metrics;
  }

  /** Trains on a batched dataset of {@code (x, y)} tuples for {@code epochs} epochs. */
  public History fit(Dataset data, int epochs) {
    return fit(data, FitOptions.epochs(epochs));
  }

  /** Trains on a batched dataset of {@code (x, y)} tuples. */
  @Override
  public History fit(Dataset data, FitOptions options) {
    return Trainer.fit(session(), trainingGraph(), data, options);
  }

  /** Trains on arrays, shuffled each epoch, as Keras's {@code fit(x, y, batch_size, epochs)}. */
  public History fit(FeatureArray x, FeatureArray y, int batchSize, int epochs) {
    Dataset data = Dataset.fromTensorSlices(x, y).shuffle(x.rows(), seed).batch(batchSize);
    return fit(data, epochs);
  }

  /** Evaluates on a batched dataset of tuples: metric name → value, {@code loss} first. */
  public java.util.Map<String, Double> evaluate(Dataset data) {
    return evaluate(data, 1);
  }

  /** Evaluates with the given verbosity (0 = silent). */
  public java.util.Map<String, Double> evaluate(Dataset data, int verbose) {
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
    String key = inputLayer().name();
    return Trainer.predict(session(), inputFeed(key), output(),
        data.map(f -> f.isTuple() && !f.has(key) ? Features.of(key, f.get(Features.X)) : f));
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
  @Override
  public void saveCheckpoint(Path prefix) throws IOException {
    weightsFile(withTrainingState()).save(prefix);
  }

  /** Restores weights and training state saved by {@link #saveCheckpoint}. */
  @Override
  public void loadCheckpoint(Path prefix) throws IOException {
    weightsFile(withTrainingState()).load(prefix);
  }

  private List<Weight> withTrainingState() {
    if (loss != null) {
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

  private TrainingGraph trainingGraph() {
    if (loss == null) {
      throw new IllegalStateException(
          "model '" + name() + "' must be compiled before fit or evaluate");
    }
    build();
    if (trainingGraph == null) {
      trainingGraph = StandardTraining.build(this);
    }
    return trainingGraph;
  }

  /** Releases the graph and session if this model created them. */
  @Override
  public void close() {
    if (ownedBackend != null) {
      ownedBackend.close();
      ownedBackend = null;
    }
  }

  /** Example shape of the input, or null before it is known. */
  public Shape inputShape() {
    return inputLayer == null ? null : Shape.of(inputLayer.shape());
  }
}
