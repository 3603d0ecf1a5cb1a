package org.nsl4j.keras.layers;

import org.nsl4j.keras.activations.Activations;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A fully connected layer {@code activation(x·kernel + bias)}, as Keras's {@code Dense}. */
public final class Dense extends KernelLayer<Dense> {

  private final int units;
  private final String activation;

  /** {@code units} outputs, no activation (logits). */
  public Dense(int units) {
    this(units, null, null);
  }

  /** {@code units} outputs with the named activation. */
  public Dense(int units, String activation) {
    this(units, activation, null);
  }

  /** {@code units} outputs, activation and layer name (either may be null). */
  public Dense(int units, String activation, String name) {
    super(name);
    if (units < 1) {
      throw new IllegalArgumentException("Dense units must be positive, got " + units);
    }
    this.units = units;
    this.activation = Activations.checked(activation);
  }

  public int units() {
    return units;
  }

  public String activation() {
    return activation;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    if (inputShape.numDimensions() != 2 || inputShape.size(1) < 1) {
      throw new IllegalArgumentException(
          "Dense '" + name() + "' expects inputs of shape (batch, features), got " + inputShape
              + " (add a Flatten layer before it)");
    }
    addKernelAndBias(Shape.of(inputShape.size(1), units), units);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return Activations.get(activation).apply(tf, withBias(tf, tf.linalg.matMul(input, kernel())));
  }
}
