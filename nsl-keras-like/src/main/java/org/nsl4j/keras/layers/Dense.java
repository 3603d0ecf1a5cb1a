package org.nsl4j.keras.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.activations.Activations;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * A fully connected layer {@code activation(x·kernel + bias)}, as Keras's {@code Dense}. On inputs
 * of rank above 2 it acts on the last axis, as Keras's does: (batch, d1, ..., features) becomes
 * (batch, d1, ..., units).
 */
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
    int rank = inputShape.numDimensions();
    if (rank < 2 || inputShape.size(rank - 1) < 1) {
      throw new IllegalArgumentException(
          "Dense '" + name() + "' expects inputs of shape (batch, ..., features) with a known"
              + " last axis, got " + inputShape);
    }
    addKernelAndBias(Shape.of(inputShape.size(rank - 1), units), units);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Shape shape = input.shape();
    int rank = shape.numDimensions();
    if (rank == 2) {
      return activated(tf, activation, tf.linalg.matMul(input, kernel()));
    }
    Operand<TFloat32> rows =
        tf.reshape(input, tf.constant(new long[] {-1, shape.size(rank - 1)}));
    return activated(tf, activation,
        tf.reshape(tf.linalg.matMul(rows, kernel()), outputShape(tf, input)));
  }

  /** (batch, d1, ..., units), as a constant when d1... are known. */
  private Operand<? extends TNumber> outputShape(Ops tf, Operand<TFloat32> input) {
    long[] shape = input.shape().asArray();
    int rank = shape.length;
    shape[rank - 1] = units;
    shape[0] = -1;
    if (Arrays.stream(shape).skip(1).allMatch(d -> d >= 0)) {
      return tf.constant(shape);
    }
    Operand<TInt32> leading = tf.slice(tf.shape(input), tf.constant(new int[] {0}),
        tf.constant(new int[] {rank - 1}));
    return tf.concat(List.of(leading, tf.constant(new int[] {units})), tf.constant(0));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("units", units);
    config.put("activation", activation);
    return kernelConfig(config, "kernel_initializer");
  }
}
