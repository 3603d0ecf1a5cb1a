package org.nsl4j.keras.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.layers.Weight;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

/**
 * Stochastic gradient descent with Keras's defaults (learning rate 0.01, no momentum): {@code w −=
 * lr·g}, or with momentum {@code m = momentum·m − lr·g; w += m} ({@code w += momentum·m − lr·g}
 * for Nesterov), applied with TensorFlow's {@code ApplyMomentum}, whose accumulator slot holds
 * {@code −m/lr}.
 */
public final class SGD extends Optimizer {

  private final float momentum;
  private final boolean nesterov;

  public SGD() {
    this(0.01f);
  }

  public SGD(float learningRate) {
    this(learningRate, 0f);
  }

  public SGD(float learningRate, float momentum) {
    this(learningRate, momentum, false);
  }

  public SGD(float learningRate, float momentum, boolean nesterov) {
    super(learningRate);
    if (!(momentum >= 0f && momentum < 1f)) {
      throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  @Override
  protected Op applyDense(
      Ops tf, Slots slots, List<Weight> weights, List<Operand<TFloat32>> grads) {
    Operand<TFloat32> lr = tf.constant(learningRate());
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Weight w = weights.get(i);
      updates.add(momentum == 0f
          ? tf.train.applyGradientDescent(w.variable(), lr, grads.get(i))
          : tf.train.applyMomentum(w.variable(), slots.slot(w, "momentum", 0f), lr, grads.get(i),
              tf.constant(momentum), ApplyMomentum.useNesterov(nesterov)));
    }
    return tf.withControlDependencies(updates).noOp();
  }
}
