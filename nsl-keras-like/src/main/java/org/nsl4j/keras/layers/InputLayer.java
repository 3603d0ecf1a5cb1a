package org.nsl4j.keras.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The entry point of a model: its name keys the feature dictionary; shape excludes the batch. */
public final class InputLayer extends Layer {

  private final long[] shape;

  /** An input called {@code name} taking float32 examples of {@code shape}. */
  public InputLayer(String name, long... shape) {
    super(name);
    for (long d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException(
            "input '" + name + "' shape dimensions must be positive, got " + Shape.of(shape));
      }
    }
    this.shape = shape.clone();
  }

  /** Shape of one example (no batch dimension). */
  public long[] shape() {
    return shape.clone();
  }

  /** Shape with a leading unknown batch dimension. */
  public Shape batchShape() {
    return Shape.of(shape).prepend(-1);
  }

  /** Keras 3's InputLayer config: {@code batch_shape} with a null batch size, float32. */
  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    List<Long> batchShape = new ArrayList<>();
    batchShape.add(null);
    Arrays.stream(shape).forEach(batchShape::add);
    config.put("batch_shape", batchShape);
    config.put("sparse", false);
    return config;
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return input;
  }
}
