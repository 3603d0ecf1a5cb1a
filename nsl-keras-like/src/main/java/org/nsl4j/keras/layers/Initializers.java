package org.nsl4j.keras.layers;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.framework.initializers.He;
import org.tensorflow.framework.initializers.Ones;
import org.tensorflow.framework.initializers.VarianceScaling.Distribution;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras weight initializers by name: {@code glorot_uniform}, {@code zeros}, {@code he_normal}... */
public final class Initializers {

  /** Builds the initial value of a weight in the graph's init scope. */
  @FunctionalInterface
  public interface Initializer {
    /** The initial value of a weight of {@code shape}, reproducible from {@code seed}. */
    Operand<TFloat32> initialValue(Ops initScope, Shape shape, long seed);
  }

  private Initializers() {}

  /** The Keras initializer called {@code name}. */
  public static Initializer get(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return switch (key) {
      case "glorot_uniform" -> (tf, s, seed) -> new Glorot<TFloat32>(Distribution.UNIFORM, seed)
          .call(tf, tf.constant(s), TFloat32.class);
      case "glorot_normal" -> (tf, s, seed) -> new Glorot<TFloat32>(
          Distribution.TRUNCATED_NORMAL, seed).call(tf, tf.constant(s), TFloat32.class);
      case "he_uniform" -> (tf, s, seed) -> new He<TFloat32>(Distribution.UNIFORM, seed)
          .call(tf, tf.constant(s), TFloat32.class);
      case "he_normal" -> (tf, s, seed) -> new He<TFloat32>(Distribution.TRUNCATED_NORMAL, seed)
          .call(tf, tf.constant(s), TFloat32.class);
      case "zeros" -> (tf, s, seed) -> new Zeros<TFloat32>().call(tf, tf.constant(s), TFloat32.class);
      case "ones" -> (tf, s, seed) -> new Ones<TFloat32>().call(tf, tf.constant(s), TFloat32.class);
      default -> throw new IllegalArgumentException(
          "unknown initializer '" + name + "' (expected glorot_uniform, glorot_normal, he_uniform,"
              + " he_normal, zeros or ones)");
    };
  }
}
