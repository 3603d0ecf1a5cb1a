package org.nsl4j.keras.layers;

import java.util.Map;
import org.nsl4j.keras.initializers.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Maps integer ids to dense vectors, as Keras's {@code Embedding}: (batch, ...) ids become
 * (batch, ..., outputDim) rows of the {@code embeddings} weight (inputDim × outputDim,
 * initialized uniformly in ±0.05 as Keras's {@code uniform}).
 *
 * <p>Model inputs are float32 in this project, so the ids arrive as floats: the layer casts them
 * to int32 (exact for ids below 2^24; fractions are truncated). An id outside {@code [0,
 * inputDim)} fails the run, naming the id. The ids' gradient is zero (TensorFlow Java returns an
 * invalid output for a gradient through a float-to-int cast, so the layer adds {@code 0 ·
 * sum(ids)}, which makes it a well-defined zero, e.g. for attacks); the embeddings' is the usual
 * one.
 */
public final class Embedding extends Layer {

  private static final float UNIFORM_LIMIT = 0.05f;

  private final int inputDim;
  private final int outputDim;
  private Variable<TFloat32> embeddings;

  /** A table of {@code inputDim} ids (vocabulary size) to vectors of {@code outputDim}. */
  public Embedding(int inputDim, int outputDim) {
    this(inputDim, outputDim, null);
  }

  /** The table's sizes and a layer name (may be null). */
  public Embedding(int inputDim, int outputDim, String name) {
    super(name);
    Sizes.check("Embedding", "input_dim and output_dim", 1, inputDim, outputDim);
    this.inputDim = inputDim;
    this.outputDim = outputDim;
  }

  public int inputDim() {
    return inputDim;
  }

  public int outputDim() {
    return outputDim;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    Initializers.Initializer uniform = (init, shape, seed) -> {
      Operand<TFloat32> u = init.random.statelessRandomUniform(init.constant(shape),
          init.constant(new long[] {seed & 0x7fffffffL, (seed >>> 31) & 0x7fffffffL}));
      return init.math.sub(init.math.mul(u, init.constant(2 * UNIFORM_LIMIT)),
          init.constant(UNIFORM_LIMIT));
    };
    embeddings = addWeight("embeddings", Shape.of(inputDim, outputDim), uniform, true);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TInt32> ids = tf.dtypes.cast(input, TInt32.class);
    Operand<TFloat32> zero = tf.math.mul(tf.constant(0f), tf.reduceSum(input,
        tf.range(tf.constant(0), tf.rank(input), tf.constant(1))));
    return tf.math.add(tf.gather(embeddings, ids, tf.constant(0)), zero);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("input_dim", inputDim);
    config.put("output_dim", outputDim);
    config.put("embeddings_initializer", "uniform");
    config.put("mask_zero", false);
    return config;
  }
}
