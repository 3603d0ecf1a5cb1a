package org.nsl4j.keras.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.layers.Weight;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * RMSprop as Keras 3 and tf-keras define it (defaults: learning rate 0.001, rho 0.9, no momentum,
 * epsilon 1e-7, not centered): {@code v = ρv + (1−ρ)g²}, {@code Δ = lr·g / sqrt(v + ε)} ({@code
 * sqrt(v − mg² + ε)} when centered, with {@code mg = ρ·mg + (1−ρ)g}), then {@code w −= Δ}, or
 * {@code mom = momentum·mom + Δ; w −= mom}. TensorFlow's {@code ApplyRMSProp} and {@code
 * ApplyCenteredRMSProp} compute exactly that. (Only tf-keras's legacy optimizer without momentum
 * divided by {@code sqrt(v) + ε}.)
 */
public final class RMSprop extends Optimizer {

  private final float rho;
  private final float momentum;
  private final float epsilon;
  private final boolean centered;

  public RMSprop() {
    this(0.001f);
  }

  public RMSprop(float learningRate) {
    this(learningRate, 0.9f);
  }

  public RMSprop(float learningRate, float rho) {
    this(learningRate, rho, 0f, 1e-7f, false);
  }

  public RMSprop(
      float learningRate, float rho, float momentum, float epsilon, boolean centered) {
    super(learningRate);
    if (!(rho >= 0f && rho < 1f)) {
      throw new IllegalArgumentException("RMSprop rho must be in [0, 1), got " + rho);
    }
    if (!(momentum >= 0f && momentum < 1f)) {
      throw new IllegalArgumentException("RMSprop momentum must be in [0, 1), got " + momentum);
    }
    if (!(epsilon > 0f && Float.isFinite(epsilon))) {
      throw new IllegalArgumentException(
          "RMSprop epsilon must be positive and finite, got " + epsilon);
    }
    this.rho = rho;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  @Override
  protected Op applyDense(
      Ops tf, Slots slots, List<Weight> weights, List<Operand<TFloat32>> grads) {
    Operand<TFloat32> lr = tf.constant(learningRate());
    Operand<TFloat32> r = tf.constant(rho);
    Operand<TFloat32> mu = tf.constant(momentum);
    Operand<TFloat32> eps = tf.constant(epsilon);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Weight w = weights.get(i);
      Variable<TFloat32> ms = slots.slot(w, "rms", 0f);
      Variable<TFloat32> mom = slots.slot(w, "momentum", 0f);
      updates.add(centered
          ? tf.train.applyCenteredRmsProp(w.variable(), slots.slot(w, "mg", 0f), ms, mom, lr, r,
              mu, eps, grads.get(i))
          : tf.train.applyRmsProp(w.variable(), ms, mom, lr, r, mu, eps, grads.get(i)));
    }
    return tf.withControlDependencies(updates).noOp();
  }
}
