package org.nsl4j.keras.optimizers;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.layers.Weight;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A Keras optimizer, applied explicitly to a model's own weights with TensorFlow's fused training
 * ops. (The framework's {@code minimize} differentiates every variable of the graph, and its
 * optimizers reject slot names built from scoped weight names such as {@code dense/kernel}.)
 */
public abstract class Optimizer {

  private final float learningRate;

  protected Optimizer(float learningRate) {
    if (!(learningRate > 0f && Float.isFinite(learningRate))) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + " learningRate must be positive and finite, got "
              + learningRate);
    }
    this.learningRate = learningRate;
  }

  public float learningRate() {
    return learningRate;
  }

  /** The Keras name, e.g. {@code adam}. */
  public String name() {
    return getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /**
   * The op applying {@code grads} to {@code weights} (same order, no nulls); slot variables are
   * created under a scope named after this optimizer, e.g. {@code Adam/dense/kernel/m}.
   */
  public final Op apply(Backend backend, List<Weight> weights, List<Operand<TFloat32>> grads) {
    if (weights.size() != grads.size()) {
      throw new IllegalArgumentException(
          weights.size() + " weights but " + grads.size() + " gradients");
    }
    Ops tf = backend.tf().withSubScope(backend.uniqueName(getClass().getSimpleName()));
    return applyDense(tf, new Slots(tf, backend), weights, grads);
  }

  /** Builds the update of every weight from its gradient; state variables come from {@code slots}. */
  protected abstract Op applyDense(
      Ops tf, Slots slots, List<Weight> weights, List<Operand<TFloat32>> grads);

  /**
   * Creates an optimizer's state variables and registers them with the backend, so that
   * checkpoints save them with the weights.
   */
  protected static final class Slots {
    private final Ops tf;
    private final Backend backend;
    /** The name scope of each weight-name prefix ({@code dense}, {@code dense/kernel}). */
    private final Map<String, Ops> scopes = new HashMap<>();

    private Slots(Ops tf, Backend backend) {
      this.tf = tf;
      this.backend = backend;
    }

    /** A per-weight state variable (e.g. Adam's {@code m}) filled with {@code initial}. */
    public Variable<TFloat32> slot(Weight weight, String slotName, float initial) {
      Ops init = scope(weight.name()).withInitScope();
      Variable<TFloat32> v = init.withName(slotName).variable(weight.shape(), TFloat32.class);
      init.assign(v, init.fill(init.constant(weight.shape()), init.constant(initial)));
      backend.addTrainingState(v);
      return v;
    }

    /** The scope {@code path} names, each part created once (a second one would get a suffix). */
    private Ops scope(String path) {
      Ops scope = scopes.get(path);
      if (scope == null) {
        int cut = path.lastIndexOf('/');
        Ops parent = cut < 0 ? tf : scope(path.substring(0, cut));
        scope = parent.withSubScope(path.substring(cut + 1));
        scopes.put(path, scope);
      }
      return scope;
    }

    /** A scalar state variable (e.g. Adam's {@code beta_1_power}) starting at {@code initial}. */
    public Variable<TFloat32> scalar(String name, float initial) {
      Ops init = tf.withInitScope();
      Variable<TFloat32> v = init.withName(name).variable(init.constant(initial));
      backend.addTrainingState(v);
      return v;
    }
  }

  /** The optimizer called {@code name} with Keras's default hyperparameters. */
  public static Optimizer get(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "adam" -> new Adam();
      case "sgd" -> new SGD();
      case "rmsprop" -> new RMSprop();
      default -> throw new IllegalArgumentException(
          "unknown optimizer '" + name + "' (expected adam, sgd or rmsprop)");
    };
  }
}
