package org.nsl4j.keras.activations;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras activations by name: {@code relu}, {@code softmax}, {@code sigmoid}, {@code gelu}... Each
 * is built from TensorFlow ops whose gradients TensorFlow Java 1.1.0 has.
 *
 * <p>{@code hard_sigmoid} is Keras 3's {@code relu6(x + 3) / 6}; tf.keras 2's {@code clip(0.2x +
 * 0.5, 0, 1)} is {@value #HARD_SIGMOID_KERAS2} (the Keras importer picks it for Keras 2 files).
 * {@code gelu} is exact ({@code approximate=False}, Keras's default); {@link #gelu(boolean)} gives
 * the tanh approximation too.
 */
public final class Activations {

  /** The name of tf.keras 2's {@code hard_sigmoid}, {@code clip(0.2x + 0.5, 0, 1)}. */
  public static final String HARD_SIGMOID_KERAS2 = "hard_sigmoid_keras2";

  private static final Map<String, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>> BY_NAME =
      byName();

  private Activations() {}

  private static Map<String, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>> byName() {
    Map<String, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>> m = new LinkedHashMap<>();
    m.put("linear", (tf, x) -> x);
    m.put("relu", (tf, x) -> tf.nn.relu(x));
    m.put("relu6", (tf, x) -> tf.nn.relu6(x));
    m.put("leaky_relu", (tf, x) -> leakyRelu(tf, x, 0.2f));
    m.put("elu", (tf, x) -> tf.nn.elu(x));
    m.put("selu", (tf, x) -> tf.nn.selu(x));
    m.put("gelu", gelu(false));
    m.put("silu", Activations::swish);
    m.put("swish", Activations::swish);
    m.put("hard_silu", (tf, x) -> tf.math.mul(x, hardSigmoid(tf, x)));
    m.put("hard_swish", (tf, x) -> tf.math.mul(x, hardSigmoid(tf, x)));
    m.put("mish", (tf, x) -> tf.math.mul(x, tf.math.tanh(tf.math.softplus(x))));
    m.put("sigmoid", (tf, x) -> tf.math.sigmoid(x));
    m.put("hard_sigmoid", Activations::hardSigmoid);
    m.put(HARD_SIGMOID_KERAS2, (tf, x) -> tf.clipByValue(
        tf.math.add(tf.math.mul(x, tf.constant(0.2f)), tf.constant(0.5f)),
        tf.constant(0f), tf.constant(1f)));
    m.put("tanh", (tf, x) -> tf.math.tanh(x));
    m.put("softmax", (tf, x) -> tf.nn.softmax(x));
    m.put("log_softmax", (tf, x) -> tf.nn.logSoftmax(x));
    m.put("softplus", (tf, x) -> tf.math.softplus(x));
    m.put("softsign", (tf, x) -> tf.nn.softsign(x));
    m.put("exponential", (tf, x) -> tf.math.exp(x));
    return Map.copyOf(m);
  }

  /** The activation called {@code name}; {@code null} or {@code "linear"} is the identity. */
  public static BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> get(String name) {
    String key = name == null ? "linear" : name.toLowerCase(Locale.ROOT);
    BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f = BY_NAME.get(key);
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown activation '" + name + "' (expected one of " + names() + ")");
    }
    return f;
  }

  /** Checks a name early, so a typo fails where the layer is declared. */
  public static String checked(String name) {
    get(name);
    return name == null ? "linear" : name.toLowerCase(Locale.ROOT);
  }

  /** Every activation name {@link #get} accepts, sorted. */
  public static Set<String> names() {
    return new java.util.TreeSet<>(BY_NAME.keySet());
  }

  /**
   * Keras's {@code gelu}: {@code x · Φ(x)} with the exact normal CDF ({@code 0.5 · (1 + erf(x /
   * √2))}), or with {@code approximate} its tanh approximation {@code 0.5x(1 + tanh(√(2/π)(x +
   * 0.044715x³)))}.
   */
  public static BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> gelu(boolean approximate) {
    if (!approximate) {
      return (tf, x) -> tf.math.mul(tf.math.mul(x, tf.constant(0.5f)), tf.math.add(
          tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
    }
    return (tf, x) -> {
      Operand<TFloat32> cube =
          tf.math.mul(tf.constant(0.044715f), tf.math.mul(x, tf.math.mul(x, x)));
      Operand<TFloat32> inner =
          tf.math.mul(tf.constant((float) Math.sqrt(2 / Math.PI)), tf.math.add(x, cube));
      return tf.math.mul(tf.math.mul(x, tf.constant(0.5f)),
          tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
    };
  }

  /** {@code x} where positive, else {@code negativeSlope · x} (TensorFlow's {@code LeakyRelu}). */
  public static Operand<TFloat32> leakyRelu(Ops tf, Operand<TFloat32> x, float negativeSlope) {
    return tf.nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha(negativeSlope));
  }

  private static Operand<TFloat32> swish(Ops tf, Operand<TFloat32> x) {
    return tf.math.mul(x, tf.math.sigmoid(x));
  }

  /** Keras 3's {@code hard_sigmoid}: {@code relu6(x + 3) / 6}. */
  private static Operand<TFloat32> hardSigmoid(Ops tf, Operand<TFloat32> x) {
    return tf.math.mul(tf.nn.relu6(tf.math.add(x, tf.constant(3f))), tf.constant(1f / 6f));
  }
}
