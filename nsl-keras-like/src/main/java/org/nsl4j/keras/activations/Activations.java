package org.nsl4j.keras.activations;

import java.util.Locale;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras activations by name: {@code relu}, {@code softmax}, {@code sigmoid}, {@code tanh}... */
public final class Activations {

  private Activations() {}

  /** The activation called {@code name}; {@code null} or {@code "linear"} is the identity. */
  public static BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> get(String name) {
    String key = name == null ? "linear" : name.toLowerCase(Locale.ROOT);
    return switch (key) {
      case "linear" -> (tf, x) -> x;
      case "relu" -> (tf, x) -> tf.nn.relu(x);
      case "softmax" -> (tf, x) -> tf.nn.softmax(x);
      case "sigmoid" -> (tf, x) -> tf.math.sigmoid(x);
      case "tanh" -> (tf, x) -> tf.math.tanh(x);
      case "elu" -> (tf, x) -> tf.nn.elu(x);
      case "selu" -> (tf, x) -> tf.nn.selu(x);
      case "softplus" -> (tf, x) -> tf.math.softplus(x);
      default -> throw new IllegalArgumentException(
          "unknown activation '" + name + "' (expected linear, relu, softmax, sigmoid, tanh, elu,"
              + " selu or softplus)");
    };
  }

  /** Checks a name early, so a typo fails where the layer is declared. */
  public static String checked(String name) {
    get(name);
    return name == null ? "linear" : name;
  }
}
