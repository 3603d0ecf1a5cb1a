package org.nsl4j.keras.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.layers.Weight;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Adam with Keras's defaults: learning rate 0.001, betas 0.9/0.999, epsilon 1e-7. */
public final class Adam extends Optimizer {

  private final float beta1;
  private final float beta2;
  private final float epsilon;

  public Adam() {
    this(0.001f);
  }

  public Adam(float learningRate) {
    this(learningRate, 0.9f, 0.999f, 1e-7f);
  }

  public Adam(float learningRate, float beta1, float beta2, float epsilon) {
    super(learningRate);
    if (!(beta1 >= 0f && beta1 < 1f && beta2 >= 0f && beta2 < 1f && epsilon > 0f)) {
      throw new IllegalArgumentException(
          "Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0, got beta1=" + beta1 + ", beta2="
              + beta2 + ", epsilon=" + epsilon);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  protected Op applyDense(
      Ops tf, Slots slots, List<Weight> weights, List<Operand<TFloat32>> grads) {
    Variable<TFloat32> beta1Power = slots.scalar("beta_1_power", beta1);
    Variable<TFloat32> beta2Power = slots.scalar("beta_2_power", beta2);
    Operand<TFloat32> lr = tf.constant(learningRate());
    Operand<TFloat32> b1 = tf.constant(beta1);
    Operand<TFloat32> b2 = tf.constant(beta2);
    Operand<TFloat32> eps = tf.constant(epsilon);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Weight w = weights.get(i);
      updates.add(tf.train.applyAdam(w.variable(), slots.slot(w, "m", 0f), slots.slot(w, "v", 0f),
          beta1Power, beta2Power, lr, b1, b2, eps, grads.get(i)));
    }
    Ops after = tf.withControlDependencies(updates);
    return tf.withControlDependencies(List.of(
        after.assign(beta1Power, after.math.mul(beta1Power, b1)),
        after.assign(beta2Power, after.math.mul(beta2Power, b2)))).noOp();
  }
}
