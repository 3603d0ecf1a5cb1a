package org.nsl4j.keras.layers;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Permutes the non-batch axes, as Keras's {@code Permute}: {@code dims} is a permutation of
 * {@code 1..n} (axis 1 is the first after the batch); {@code Permute(2, 1)} swaps the two axes of
 * (batch, a, b).
 */
public final class Permute extends Layer {

  private final int[] dims;

  /** The permutation {@code dims} of axes {@code 1..n}. */
  public Permute(int... dims) {
    this(dims, null);
  }

  /** The permutation {@code dims}, with a layer name. */
  public Permute(int[] dims, String name) {
    super(name);
    int[] sorted = dims.clone();
    Arrays.sort(sorted);
    int[] expected = IntStream.rangeClosed(1, dims.length).toArray();
    if (dims.length == 0 || !Arrays.equals(sorted, expected)) {
      throw new IllegalArgumentException(
          "Permute dims must be a permutation of 1..n, got " + Arrays.toString(dims));
    }
    this.dims = dims.clone();
  }

  public int[] dims() {
    return dims.clone();
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    if (input.shape().numDimensions() != dims.length + 1) {
      throw new IllegalArgumentException("Permute '" + name() + "' with dims "
          + Arrays.toString(dims) + " expects inputs of rank " + (dims.length + 1) + ", got "
          + input.shape());
    }
    int[] perm = new int[dims.length + 1];
    System.arraycopy(dims, 0, perm, 1, dims.length);
    return tf.linalg.transpose(input, tf.constant(perm));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("dims", ConfigValues.ints(dims));
    return config;
  }
}
