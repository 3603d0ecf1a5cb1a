package org.nsl4j.keras.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.layers.Weight;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** RMSprop with Keras's defaults: learning rate 0.001, rho 0.9, epsilon 1e-7, no momentum. */
public final class RMSprop extends Optimizer {

  private final float rho;

  public RMSprop() {
    this(0.001f);
  }

  public RMSprop(float learningRate) {
    this(learningRate, 0.9f);
  }

  public RMSprop(float learningRate, float rho) {
    super(learningRate);
    if (!(rho >= 0f && rho < 1f)) {
      throw new IllegalArgumentException("RMSprop rho must be in [0, 1), got " + rho);
    }
    this.rho = rho;
  }

  @Override
  protected Op applyDense(
      Ops tf, Slots slots, List<Weight> weights, List<Operand<TFloat32>> grads) {
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Weight w = weights.get(i);
      updates.add(tf.train.applyRmsProp(w.variable(), slots.slot(w, "rms", 0f),
          slots.slot(w, "momentum", 0f), tf.constant(learningRate()), tf.constant(rho),
          tf.constant(0f), tf.constant(1e-7f), grads.get(i)));
    }
    return tf.withControlDependencies(updates).noOp();
  }
}
