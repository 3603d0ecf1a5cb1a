package org.nsl4j.savedmodel;

import java.util.List;
import org.nsl4j.keras.activations.Activations;
import org.nsl4j.keras.initializers.Initializers;
import org.nsl4j.keras.layers.Layer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Minimal test-only stand-ins for Keras layers that main does not have yet, registered with
 * {@code customLayer} so that the importer's format side (config, graph, weight matching) can be
 * checked on real fixtures. Each takes only the settings the fixtures use and refuses others.
 */
final class TestLayers {

  private TestLayers() {}

  /** A loader with every stand-in registered. */
  static KerasModelLoader loader() {
    return KerasModelLoader.builder()
        .customLayer("Add", c -> new Merge(c.name(), "Add"))
        .customLayer("ReLU", c -> {
          c.require("max_value", "null");
          c.require("negative_slope", "0.0", "0");
          c.require("threshold", "0.0", "0");
          return new Unary(c.name(), "ReLU", (tf, x) -> tf.nn.relu(x));
        })
        .customLayer("GlobalAveragePooling2D", c -> new Unary(c.name(), "GlobalAveragePooling2D",
            (tf, x) -> tf.math.mean(x, tf.constant(new int[] {1, 2}))))
        .customLayer("GlobalAveragePooling1D", c -> new Unary(c.name(), "GlobalAveragePooling1D",
            (tf, x) -> tf.math.mean(x, tf.constant(new int[] {1}))))
        .customLayer("Softmax", c -> new Unary(c.name(), "Softmax", (tf, x) -> tf.nn.softmax(x)))
        .customLayer("CastToFloat32", c -> new Unary(c.name(), "CastToFloat32", (tf, x) -> x))
        .customLayer("ExpandLastDim", c -> new Unary(c.name(), "ExpandLastDim",
            (tf, x) -> tf.expandDims(x, tf.constant(-1))))
        .customLayer("Normalization", c -> new Normalization(c.name()))
        .customLayer("Embedding", c -> new Embedding(c.name(), c.integer("input_dim"),
            c.integer("output_dim")))
        .customLayer("DepthwiseConv2D", c -> new DepthwiseConv2D(c))
        .build();
  }

  /** {@link #loader()} plus AveragePooling2D with rectangular windows (valid padding). */
  static KerasModelLoader withRectangularPooling() {
    return KerasModelLoader.builder().registry(loader().registry())
        .customLayer("AveragePooling2D", c -> {
          c.require("padding", "valid");
          List<Long> size = c.ints("pool_size");
          List<Long> strides = c.has("strides") ? c.ints("strides") : size;
          return new Unary(c.name(), "AveragePooling2D", (tf, x) -> tf.nn.avgPool(x,
              List.of(1L, size.get(0), size.get(1), 1L),
              List.of(1L, strides.get(0), strides.get(1), 1L), "VALID"));
        })
        .build();
  }

  /** A layer without weights applying {@code f}. */
  static final class Unary extends Layer {
    private final String className;
    private final java.util.function.BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f;

    Unary(String name, String className,
        java.util.function.BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f) {
      super(name);
      this.className = className;
      this.f = f;
    }

    @Override
    public String className() {
      return className;
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, boolean training) {
      return f.apply(tf, x);
    }
  }

  /** The sum of its inputs, as Keras's {@code Add}. */
  static final class Merge extends Layer {
    private final String className;

    Merge(String name, String className) {
      super(name);
      this.className = className;
    }

    @Override
    public String className() {
      return className;
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, boolean training) {
      Operand<TFloat32> sum = inputs.get(0);
      for (int i = 1; i < inputs.size(); i++) {
        sum = tf.math.add(sum, inputs.get(i));
      }
      return sum;
    }
  }

  /** Keras 3's adapted {@code Normalization} over the last axis: weights mean, variance, count. */
  static final class Normalization extends Layer {
    private Variable<TFloat32> mean;
    private Variable<TFloat32> variance;

    Normalization(String name) {
      super(name);
    }

    @Override
    protected void build(Ops tf, Shape inputShape) {
      Shape c = Shape.of(inputShape.get(inputShape.numDimensions() - 1));
      mean = addWeight("mean", c, Initializers.get("zeros"), false);
      variance = addWeight("variance", c, Initializers.get("ones"), false);
      addWeight("count", Shape.scalar(), Initializers.get("zeros"), false);
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, boolean training) {
      Operand<TFloat32> std = tf.math.maximum(tf.math.sqrt(variance), tf.constant(1e-7f));
      return tf.math.div(tf.math.sub(x, mean), std);
    }
  }

  /** Looks up rows of an {@code [inputDim, outputDim]} table by (float) ids. */
  static final class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private Variable<TFloat32> embeddings;

    Embedding(String name, int inputDim, int outputDim) {
      super(name);
      this.inputDim = inputDim;
      this.outputDim = outputDim;
    }

    @Override
    protected void build(Ops tf, Shape inputShape) {
      embeddings = addWeight("embeddings", Shape.of(inputDim, outputDim),
          Initializers.get("zeros"), true);
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, boolean training) {
      return tf.gather(embeddings, tf.dtypes.cast(x, TInt32.class), tf.constant(0));
    }
  }

  /** Keras's {@code DepthwiseConv2D} with a bias and an activation, channels last. */
  static final class DepthwiseConv2D extends Layer {
    private final LayerConfig c;
    private Variable<TFloat32> kernel;
    private Variable<TFloat32> bias;

    DepthwiseConv2D(LayerConfig c) {
      super(c.name());
      c.require("data_format", "channels_last");
      this.c = c;
    }

    @Override
    protected void build(Ops tf, Shape in) {
      List<Long> k = c.ints("kernel_size");
      kernel = addWeight("depthwise_kernel", Shape.of(k.get(0), k.get(k.size() - 1),
          in.get(3), c.integer("depth_multiplier")), Initializers.get("zeros"), true);
      if (c.flag("use_bias", true)) {
        bias = addWeight("bias", Shape.of(in.get(3) * c.integer("depth_multiplier")),
            Initializers.get("zeros"), true);
      }
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, boolean training) {
      long s = c.square("strides");
      Operand<TFloat32> y = tf.nn.depthwiseConv2dNative(x, kernel, List.of(1L, s, s, 1L),
          c.text("padding", "valid").toUpperCase(java.util.Locale.ROOT));
      y = bias == null ? y : tf.nn.biasAdd(y, bias);
      return Activations.get(c.text("activation", "linear")).apply(tf, y);
    }
  }
}
