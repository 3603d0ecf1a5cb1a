package org.nsl4j.keras.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.backend.InputGradients;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A {@link Model} (one built in Java or a Python Keras model rebuilt by {@code KerasModelLoader})
 * as a differentiable classifier. A softmax output is attacked through the logits behind it. The
 * attack graphs go into the model's graph; they are released with the model.
 *
 * <pre>{@code
 * Classifier classifier = ModelClassifier.builder(model).clipValues(0, 1).build();
 * }</pre>
 */
public final class ModelClassifier implements GradientClassifier {

  private final Model model;
  private final ClipValues clipValues;
  private final Preprocessing preprocessing;
  private final long[] inputShape;
  private final int numClasses;
  private final Map<Object, Object> graphs = new HashMap<>();
  private final Map<Output<?>, Operand<TFloat32>> modelInputs = new IdentityHashMap<>();
  private Placeholder<TFloat32> logitsInput;
  private Operand<TFloat32> logitsOutput;

  private ModelClassifier(Builder b) {
    this.model = b.model;
    this.clipValues = b.clipValues;
    this.preprocessing = b.preprocessing;
    this.inputShape = model.inputLayer().shape();
    Shape out = model.output().shape();
    if (out.numDimensions() != 2 || out.size(1) < 2) {
      throw new IllegalArgumentException("model '" + model.name() + "' must output class scores"
          + " [batch, K] with K >= 2 to be a classifier, got shape " + out);
    }
    this.numClasses = (int) out.size(1);
  }

  /** A builder for {@code model}, with clip values [0, 1] and no preprocessing by default. */
  public static Builder builder(Model model) {
    return new Builder(model);
  }

  /** {@code model} on pixels in [0, 1], without preprocessing. */
  public static ModelClassifier of(Model model) {
    return builder(model).build();
  }

  /** The wrapped model. */
  public Model model() {
    return model;
  }

  @Override
  public long[] inputShape() {
    return inputShape.clone();
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public ClipValues clipValues() {
    return clipValues;
  }

  @Override
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  @Override
  public String describe() {
    return "model '" + model.name() + "'";
  }

  @Override
  public Ops tf() {
    return model.backend().tf();
  }

  @Override
  public Session session() {
    return model.session();
  }

  @Override
  public Operand<TFloat32> logits(Operand<TFloat32> rows) {
    Backend b = model.backend();
    Ops tf = b.tf().withSubScope(b.uniqueName("robustness_input"));
    long[] shape = new long[inputShape.length + 1];
    shape[0] = -1;
    System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
    Operand<TFloat32> x = tf.reshape(rows, tf.constant(shape));
    if (!preprocessing.isIdentity()) {
      x = tf.math.add(tf.math.mul(x, tf.constant(preprocessing.scale())),
          tf.constant(preprocessing.offset()));
    }
    Operand<TFloat32> out =
        model.callInBranch(b.uniqueName("robustness"), x, false, new ArrayList<>());
    modelInputs.put(rows.asOutput(), x);
    return beforeSoftmax(out);
  }

  @Override
  public Operand<TFloat32> gradient(Operand<TFloat32> loss, Operand<TFloat32> rows) {
    Operand<TFloat32> x = modelInputs.get(rows.asOutput());
    if (x == null) {
      throw new IllegalArgumentException("gradient() needs rows on which logits() was called");
    }
    Backend b = model.backend();
    Ops tf = b.tf();
    Output<?> dx = InputGradients.of(b, "robustness_gradients", loss, x, java.util.List.of())
        .get(0);
    @SuppressWarnings("unchecked")
    Operand<TFloat32> g = dx == null ? tf.zerosLike(x) : (Operand<TFloat32>) dx;
    g = tf.reshape(g, tf.shape(rows));
    return preprocessing.scale() == 1f ? g : tf.math.mul(g, tf.constant(preprocessing.scale()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <T> T graph(Object key, Supplier<T> build) {
    Object graph = graphs.get(key);
    if (graph == null) {
      graph = Objects.requireNonNull(build.get(), "built graph");
      graphs.put(key, graph);
    }
    return (T) graph;
  }

  @Override
  public FeatureArray logits(FeatureArray x) {
    int size = inputSize();
    if (x.rowSize() != size) {
      throw new IllegalArgumentException(describe() + " takes inputs of shape "
          + Arrays.toString(inputShape) + ", which inputs of shape " + Arrays.toString(x.shape())
          + " do not fit");
    }
    synchronized (this) {
      if (logitsInput == null) {
        logitsInput = tf().placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size)));
        logitsOutput = logits(logitsInput);
      }
    }
    int n = x.rows();
    int m = RowBuckets.of(n);
    try (Tensor in = FeatureArray.ofFloats(RowBuckets.pad(x.floats(), n, size, m), m, size)
            .toTensor();
        Result r = session().runner().feed(logitsInput, in).fetch(logitsOutput).run()) {
      FeatureArray all = FeatureArray.fromTensor(r.get(0));
      return m == n ? all : all.rows(0, n);
    }
  }

  /** The logits behind a softmax output, else the output itself. */
  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> beforeSoftmax(Operand<TFloat32> out) {
    GraphOperation op = (GraphOperation) out.op();
    return op.type().equals("Softmax") ? (Operand<TFloat32>) op.input(0) : out;
  }

  /** Builder of a {@link ModelClassifier}. */
  public static final class Builder {
    private final Model model;
    private ClipValues clipValues = ClipValues.UNIT;
    private Preprocessing preprocessing = Preprocessing.NONE;

    private Builder(Model model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The box of the inputs (default [0, 1]). */
    public Builder clipValues(float min, float max) {
      this.clipValues = new ClipValues(min, max);
      return this;
    }

    /** The map applied before the network, {@code x·scale + offset} (default none). */
    public Builder preprocessing(float scale, float offset) {
      this.preprocessing = new Preprocessing(scale, offset);
      return this;
    }

    /** The map applied before the network. */
    public Builder preprocessing(Preprocessing preprocessing) {
      this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
      return this;
    }

    public ModelClassifier build() {
      model.build();
      return new ModelClassifier(this);
    }
  }
}
