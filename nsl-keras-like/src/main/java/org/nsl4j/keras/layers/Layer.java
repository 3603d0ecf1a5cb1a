package org.nsl4j.keras.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.backend.CallContext;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.initializers.Initializers;
import org.nsl4j.keras.models.KerasTensor;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A Keras layer: a callable that maps a tensor to a tensor and owns its weights. Its weights are
 * created in the graph on the first call; every later call (on a second input, in another branch
 * such as training or adversarial) reuses them.
 *
 * <p>Subclasses implement {@link #call(Ops, Operand, boolean)} and, if they have weights, {@link
 * #build(Ops, Shape)} with {@link #addWeight}.
 */
public abstract class Layer {

  private String name;
  private Backend backend;
  private Ops scope;
  private boolean built;
  private boolean trainable = true;
  private List<Shape> outputShapes;
  private final List<Weight> weights = new ArrayList<>();
  private final List<Placeholder<TFloat32>> assignInputs = new ArrayList<>();
  private final List<Operand<TFloat32>> assignOps = new ArrayList<>();

  /** A layer with the given name, or a generated Keras-style name if {@code name} is null. */
  protected Layer(String name) {
    this.name = name;
  }

  /** The layer's name; generated names ({@code conv2d_1}) are fixed when the layer is built. */
  public String name() {
    return name != null ? name : defaultName();
  }

  /** The Keras class name shown by {@code summary()}, e.g. {@code Conv2D}. */
  public String className() {
    return getClass().getSimpleName();
  }

  /**
   * The layer's Keras config, as Keras's {@code get_config()}: {@code name}, {@code trainable},
   * {@code dtype} and the layer's arguments under their Keras field names, enough for the Keras
   * importer's registry to rebuild the same layer with {@link #className()} as its class.
   * Subclasses add their fields to {@code super.getConfig()}.
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name());
    config.put("trainable", trainable);
    config.put("dtype", "float32");
    DelegatedConfigs.addTo(this, config);
    return config;
  }

  /** Functional API: the symbolic output of this layer applied to {@code input}. */
  public KerasTensor apply(KerasTensor input) {
    return KerasTensor.of(this, input);
  }

  /**
   * Functional API: the symbolic output of this layer applied to several tensors, in the order it
   * takes them (a merge layer such as {@code Add} or {@code Concatenate}).
   */
  public KerasTensor apply(KerasTensor first, KerasTensor... more) {
    List<KerasTensor> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return apply(all);
  }

  /** Functional API: the symbolic output of this layer applied to {@code inputs}. */
  public KerasTensor apply(List<KerasTensor> inputs) {
    return KerasTensor.of(this, inputs, 0);
  }

  /** Applies this layer inside a model call, in the call's training mode. */
  public Operand<TFloat32> apply(Operand<TFloat32> input) {
    return apply(input, CallContext.current().training());
  }

  /**
   * Applies this layer inside a model call. {@code training} selects training behaviour
   * (dropout active, batch statistics) as Keras's {@code training=} argument.
   */
  public Operand<TFloat32> apply(Operand<TFloat32> input, boolean training) {
    return apply(List.of(input), training);
  }

  /** Applies this layer to several inputs inside a model call; it must have one output. */
  public Operand<TFloat32> apply(List<Operand<TFloat32>> inputs, boolean training) {
    List<Operand<TFloat32>> out = applyAll(inputs, training);
    if (out.size() != 1) {
      throw new IllegalStateException(className() + " '" + name() + "' has " + out.size()
          + " outputs; use applyAll to get them all");
    }
    return out.get(0);
  }

  /** Applies this layer to {@code inputs} inside a model call and returns all its outputs. */
  public final List<Operand<TFloat32>> applyAll(List<Operand<TFloat32>> inputs, boolean training) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException(className() + " '" + name() + "' got no inputs");
    }
    CallContext ctx = CallContext.current();
    attach(ctx.backend());
    ctx.recordLayer(this);
    if (!built) {
      build(scope, inputs.stream().map(Operand::shape).toList());
      built = true;
    }
    Ops tf = ctx.branch() == backend.tf() ? scope : ctx.branch().withSubScope(name);
    List<Operand<TFloat32>> out = List.copyOf(callAll(tf, inputs, training));
    if (outputShapes == null) {
      outputShapes = out.stream().map(Operand::shape).toList();
    }
    return out;
  }

  /**
   * Creates the layer's weights for inputs of {@code inputShapes} (batch dimension first); a
   * single input goes to {@link #build(Ops, Shape)}.
   */
  protected void build(Ops tf, List<Shape> inputShapes) {
    if (inputShapes.size() == 1) {
      build(tf, inputShapes.get(0));
    }
  }

  /** Creates the layer's weights for inputs of {@code inputShape} (batch dimension first). */
  protected void build(Ops tf, Shape inputShape) {}

  /** Builds all outputs of the layer on {@code inputs}; layers with one output need not override. */
  protected List<Operand<TFloat32>> callAll(
      Ops tf, List<Operand<TFloat32>> inputs, boolean training) {
    return List.of(call(tf, inputs, training));
  }

  /**
   * Builds the computation on several inputs (merge layers override this); by default the layer
   * takes exactly one input, given to {@link #call(Ops, Operand, boolean)}.
   */
  protected Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, boolean training) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(className() + " layer '" + name()
          + "' takes one input, got " + inputs.size());
    }
    return call(tf, inputs.get(0), training);
  }

  /** Builds the layer's computation on {@code input}; single-input layers override this. */
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    throw new UnsupportedOperationException(className() + " must override call(tf, input,"
        + " training) or, for several inputs, call(tf, inputs, training)");
  }

  /**
   * Creates a weight named {@code layer/weightName}, initialized by {@code initializer} with a
   * seed derived from the backend's seed and the weight's name.
   */
  protected final Variable<TFloat32> addWeight(
      String weightName, Shape shape, Initializers.Initializer initializer, boolean trainable) {
    Ops init = scope.withInitScope();
    Variable<TFloat32> v = init.withName(weightName).variable(shape, TFloat32.class);
    String fullName = name + "/" + weightName;
    Operand<TFloat32> value =
        initializer.initialValue(
            init.withSubScope(weightName + "_initializer"), shape, backend.seedFor(fullName));
    init.withName(weightName + "_init").assign(v, value);
    weights.add(new Weight(fullName, v, shape, trainable));
    return v;
  }

  /** Binds this layer to a backend, fixing its name there. */
  public final void attach(Backend target) {
    if (backend == target) {
      return;
    }
    if (backend != null) {
      throw new IllegalStateException(
          "layer '" + name + "' already belongs to another model's graph; create a new layer"
              + " instead of sharing one between separately built models");
    }
    if (name != null) {
      target.claimName(name);
    } else {
      name = target.uniqueName(defaultName());
    }
    backend = target;
    scope = target.tf().withSubScope(name);
  }

  /** The backend this layer is bound to, or null before its first call. */
  public Backend backend() {
    return backend;
  }

  public boolean isBuilt() {
    return built;
  }

  /** Static output shape of the first call ({@code -1} for the batch), null before it. */
  public Shape outputShape() {
    return outputShapes == null ? null : outputShapes.get(0);
  }

  /** Static shapes of all outputs of the first call, or null before it. */
  public List<Shape> outputShapes() {
    return outputShapes;
  }

  /** All weights of this layer, in creation order. */
  public List<Weight> weights() {
    return Collections.unmodifiableList(weights);
  }

  /** The weights the optimizer updates (none when the layer is frozen). */
  public List<Weight> trainableWeights() {
    return weights().stream().filter(w -> trainable && w.trainable()).toList();
  }

  /** Freezes or unfreezes the layer, as Keras's {@code layer.trainable = ...}. */
  public void setTrainable(boolean trainable) {
    this.trainable = trainable;
  }

  public boolean isTrainable() {
    return trainable;
  }

  /** Number of scalars in this layer's weights. */
  public long countParams() {
    return weights().stream().mapToLong(Weight::size).sum();
  }

  /** Regularization penalties of this layer's weights (none by default). */
  public List<Operand<TFloat32>> regularizationLosses(Ops tf) {
    return List.of();
  }

  /** The current values of this layer's weights, as Keras's {@code get_weights()}. */
  public List<FeatureArray> getWeights() {
    List<Weight> ws = weights();
    if (ws.isEmpty()) {
      return List.of();
    }
    Session.Runner runner = requireBackend().session().runner();
    ws.forEach(w -> runner.fetch(w.variable()));
    List<FeatureArray> values = new ArrayList<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < ws.size(); i++) {
        values.add(FeatureArray.fromTensor(result.get(i)));
      }
    }
    return values;
  }

  /** Sets this layer's weights, as Keras's {@code set_weights()}; shapes must match. */
  public void setWeights(List<FeatureArray> values) {
    List<Weight> ws = weights();
    if (values.size() != ws.size()) {
      throw new IllegalArgumentException(
          "layer '" + name() + "' has " + ws.size() + " weights, but " + values.size()
              + " values were given");
    }
    Backend b = requireBackend();
    synchronized (this) {
      while (assignOps.size() < ws.size()) {
        Weight w = ws.get(assignOps.size());
        Ops tf = b.tf().withSubScope(name + "_set_weights");
        Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(w.shape()));
        assignInputs.add(p);
        assignOps.add(tf.assign(w.variable(), p));
      }
    }
    Session.Runner runner = b.session().runner();
    List<Tensor> tensors = new ArrayList<>();
    try {
      for (int i = 0; i < ws.size(); i++) {
        Weight w = ws.get(i);
        FeatureArray v = values.get(i);
        if (!Shape.of(v.shape()).equals(w.shape()) || v.dtype() != FeatureArray.DType.FLOAT32) {
          throw new IllegalArgumentException(
              "weight '" + w.name() + "' expects float32" + w.shape() + ", got "
                  + v.dtype().name().toLowerCase(Locale.ROOT) + Shape.of(v.shape()));
        }
        Tensor t = v.toTensor();
        tensors.add(t);
        runner.feed(assignInputs.get(i), t).addTarget(assignOps.get(i));
      }
      runner.run().close();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  private Backend requireBackend() {
    if (backend == null) {
      throw new IllegalStateException(
          "layer '" + name() + "' has no weights yet: build its model first");
    }
    return backend;
  }

  private String defaultName() {
    return className()
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
        .toLowerCase(Locale.ROOT)
        .replace("2_d", "2d");
  }
}
