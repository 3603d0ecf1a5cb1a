package org.nsl4j.keras.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** A fully connected layer {@code activation(x·kernel + bias)}, as Keras's {@code Dense}. */
public final class Dense extends Layer {

  private final int units;
  private final String activation;
  private boolean useBias = true;
  private String kernelInitializer = "glorot_uniform";
  private String biasInitializer = "zeros";
  private Regularizers.Regularizer kernelRegularizer;
  private Variable<TFloat32> kernel;
  private Variable<TFloat32> bias;

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

  public Dense useBias(boolean useBias) {
    this.useBias = useBias;
    return this;
  }

  public Dense kernelInitializer(String name) {
    Initializers.get(name);
    this.kernelInitializer = name;
    return this;
  }

  public Dense biasInitializer(String name) {
    Initializers.get(name);
    this.biasInitializer = name;
    return this;
  }

  public Dense kernelRegularizer(Regularizers.Regularizer regularizer) {
    this.kernelRegularizer = regularizer;
    return this;
  }

  public int units() {
    return units;
  }

  public String activation() {
    return activation;
  }

  public boolean useBias() {
    return useBias;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    if (inputShape.numDimensions() != 2 || inputShape.size(1) < 1) {
      throw new IllegalArgumentException(
          "Dense '" + name() + "' expects inputs of shape (batch, features), got " + inputShape
              + " (add a Flatten layer before it)");
    }
    kernel = addWeight("kernel", Shape.of(inputShape.size(1), units),
        Initializers.get(kernelInitializer), true);
    if (useBias) {
      bias = addWeight("bias", Shape.of(units), Initializers.get(biasInitializer), true);
    }
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TFloat32> y = tf.linalg.matMul(input, kernel);
    if (useBias) {
      y = tf.nn.biasAdd(y, bias);
    }
    return Activations.get(activation).apply(tf, y);
  }

  @Override
  public List<Operand<TFloat32>> regularizationLosses(Ops tf) {
    return kernelRegularizer == null || kernel == null
        ? List.of()
        : List.of(kernelRegularizer.penalty(tf, kernel));
  }
}
