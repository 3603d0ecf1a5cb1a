package org.nsl4j.keras.layers;

import java.util.List;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.initializers.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Standardizes features with a mean and variance per index of {@code axis} (default the last),
 * as Keras's {@code Normalization} preprocessing layer: {@code (x - mean) / max(sqrt(variance),
 * 1e-7)} (Keras's {@code backend.epsilon()}), or with {@code invert} {@code mean + x ·
 * max(sqrt(variance), 1e-7)}. The statistics are either given ({@link #mean}, {@link #variance}:
 * constants, no weights) or adapted: then they are the non-trainable weights {@code mean}, {@code
 * variance} and {@code count} (Keras's int64 {@code count} is kept as float32; integer values
 * given to {@link #setWeights} are converted), set by {@link #adapt} or loaded with the model.
 */
public final class Normalization extends Layer {

  /** Keras's {@code backend.epsilon()}. */
  private static final float EPSILON = 1e-7f;

  private int[] axis = {-1};
  private float[] givenMean;
  private float[] givenVariance;
  private boolean invert;
  private Adapted pending;
  private Operand<TFloat32> mean;
  private Operand<TFloat32> variance;

  /** Adapted statistics: one mean and variance per index of the axes, and the values per index. */
  record Adapted(float[] mean, float[] variance, float count) {}

  public Normalization() {
    this(null);
  }

  public Normalization(String name) {
    super(name);
  }

  /** Axes with their own statistics (default -1); negative counts from the end. */
  public Normalization axis(int... axis) {
    this.axis = axis.clone();
    return this;
  }

  /** Keras's {@code axis=None}: one mean and variance over all axes. */
  public Normalization axisNone() {
    this.axis = new int[0];
    return this;
  }

  /** A fixed mean (one value, or one per index of the axes); needs {@link #variance} too. */
  public Normalization mean(float... mean) {
    this.givenMean = mean.clone();
    return this;
  }

  /** A fixed variance (one value, or one per index of the axes); needs {@link #mean} too. */
  public Normalization variance(float... variance) {
    this.givenVariance = variance.clone();
    return this;
  }

  /** Undoes the normalization instead (default false). */
  public Normalization invert(boolean invert) {
    this.invert = invert;
    return this;
  }

  public int[] axis() {
    return axis.clone();
  }

  public boolean invert() {
    return invert;
  }

  /**
   * Computes the mean and (population) variance of {@code data} (examples first, shaped as this
   * layer's inputs) per index of the axes, as Keras's {@code adapt}; before the model is built
   * they become the weights' initial values.
   */
  public Normalization adapt(FeatureArray data) {
    if (givenMean != null) {
      throw new IllegalStateException("Normalization '" + name() + "' was given its mean and"
          + " variance; it cannot adapt");
    }
    pending = NormalizationStatistics.of(this, axis, data);
    if (isBuilt()) {
      setWeights(List.of(FeatureArray.ofFloats(pending.mean(), weights().get(0).shape().asArray()),
          FeatureArray.ofFloats(pending.variance(), weights().get(1).shape().asArray()),
          FeatureArray.ofFloats(new float[] {pending.count()})));
    }
    return this;
  }

  @Override
  protected void build(Ops tf, Shape inputShape) {
    if ((givenMean == null) != (givenVariance == null)) {
      throw new IllegalArgumentException("Normalization '" + name() + "' needs both a mean and"
          + " a variance, or neither (then it adapts)");
    }
    int[] keep = Axes.resolve(this, axis, inputShape);
    long[] broadcast = Axes.broadcastShape(inputShape, keep);
    broadcast[0] = 1;
    Shape statistics = Shape.of(Axes.sizes(inputShape, keep));
    if (givenMean != null) {
      mean = constant(tf, givenMean, statistics, broadcast, "mean");
      variance = constant(tf, givenVariance, statistics, broadcast, "variance");
      return;
    }
    if (pending != null && pending.mean().length != statistics.size()) {
      throw new IllegalArgumentException("Normalization '" + name() + "' adapted "
          + pending.mean().length + " means, but its inputs " + inputShape + " need "
          + statistics.size());
    }
    Adapted a = pending == null ? new Adapted(null, null, 0f) : pending;
    mean = tf.reshape(addWeight("mean", statistics, initial(a.mean(), "zeros"), false),
        tf.constant(broadcast));
    variance = tf.reshape(addWeight("variance", statistics, initial(a.variance(), "ones"), false),
        tf.constant(broadcast));
    addWeight("count", Shape.scalar(), initial(new float[] {a.count()}, "zeros"), false);
  }

  private Operand<TFloat32> constant(Ops tf, float[] values, Shape statistics, long[] broadcast,
      String what) {
    if (values.length != 1 && values.length != statistics.size()) {
      throw new IllegalArgumentException("Normalization '" + name() + "' was given "
          + values.length + " " + what + " values; its axes need 1 or " + statistics.size());
    }
    return values.length == 1 ? tf.constant(values[0])
        : tf.reshape(tf.constant(values), tf.constant(broadcast));
  }

  private static Initializers.Initializer initial(float[] values, String fallback) {
    if (values == null) {
      return Initializers.get(fallback);
    }
    return (tf, shape, seed) -> tf.reshape(tf.constant(values), tf.constant(shape.asArray()));
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    Operand<TFloat32> std = tf.math.maximum(tf.math.sqrt(variance), tf.constant(EPSILON));
    return invert ? tf.math.add(mean, tf.math.mul(input, std))
        : tf.math.div(tf.math.sub(input, mean), std);
  }

  /** Sets {@code mean}, {@code variance} and {@code count}; integer arrays become float32. */
  @Override
  public void setWeights(List<FeatureArray> values) {
    super.setWeights(values.stream().map(v -> v.dtype() == FeatureArray.DType.INT64
        ? FeatureArray.ofFloats(toFloats(v.longs()), v.shape()) : v).toList());
  }

  private static float[] toFloats(long[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = values[i];
    }
    return f;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis.length == 0 ? null : ConfigValues.ints(axis));
    config.put("invert", invert);
    config.put("mean", givenMean == null ? null : ConfigValues.numberOrList(givenMean));
    config.put("variance", givenVariance == null ? null : ConfigValues.numberOrList(givenVariance));
    return config;
  }
}
