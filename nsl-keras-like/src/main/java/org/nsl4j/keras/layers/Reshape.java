package org.nsl4j.keras.layers;

import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Reshapes each example to {@code targetShape} (without the batch; one size may be -1, inferred),
 * as Keras's {@code Reshape}.
 */
public final class Reshape extends Layer {

  private final long[] targetShape;
  private long[] resolved;

  /** Examples reshaped to {@code targetShape}. */
  public Reshape(long... targetShape) {
    this(targetShape, null);
  }

  /** Examples reshaped to {@code targetShape}, with a layer name. */
  public Reshape(long[] targetShape, String name) {
    super(name);
    long unknown = Arrays.stream(targetShape).filter(d -> d == -1).count();
    if (unknown > 1 || Arrays.stream(targetShape).anyMatch(d -> d == 0 || d < -1)) {
      throw new IllegalArgumentException("Reshape target_shape takes positive sizes and at most"
          + " one -1, got " + Arrays.toString(targetShape));
    }
    this.targetShape = targetShape.clone();
  }

  public long[] targetShape() {
    return targetShape.clone();
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    long size = inputShape.tail().size();
    long known = Arrays.stream(targetShape).filter(d -> d > 0).reduce(1, (a, b) -> a * b);
    boolean infer = Arrays.stream(targetShape).anyMatch(d -> d == -1);
    if (size < 0 && infer) {
      throw new IllegalArgumentException("Reshape '" + name() + "' needs known input sizes to"
          + " infer the -1 in " + Arrays.toString(targetShape) + ", got " + inputShape);
    }
    if (size >= 0 && (infer ? size % known != 0 : size != known)) {
      throw new IllegalArgumentException("Reshape '" + name() + "' cannot reshape examples of "
          + inputShape.tail() + " to " + Arrays.toString(targetShape));
    }
    resolved = new long[targetShape.length + 1];
    resolved[0] = -1;
    for (int i = 0; i < targetShape.length; i++) {
      resolved[i + 1] = targetShape[i] == -1 ? size / known : targetShape[i];
    }
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return tf.reshape(input, tf.constant(resolved));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("target_shape", Arrays.stream(targetShape).boxed().toList());
    return config;
  }
}
