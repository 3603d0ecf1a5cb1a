package org.nsl4j.keras.initializers;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras weight initializers by name: {@code glorot_uniform}, {@code glorot_normal}, {@code
 * he_uniform}, {@code he_normal}, {@code zeros}, {@code ones}. Fans follow Keras: for a kernel of
 * shape {@code (..., in, out)} the receptive field is the product of the leading dimensions.
 */
public final class Initializers {

  /** Builds the initial value of a weight in the graph's init scope. */
  @FunctionalInterface
  public interface Initializer {
    /** The initial value of a weight of {@code shape}, reproducible from {@code seed}. */
    Operand<TFloat32> initialValue(Ops initScope, Shape shape, long seed);
  }

  /** Stddev of a unit normal truncated at two standard deviations. */
  private static final double TRUNCATED_STDDEV = 0.87962566103423978;

  private Initializers() {}

  /** The Keras initializer called {@code name}. */
  public static Initializer get(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "glorot_uniform" -> uniform(1.0, true);
      case "glorot_normal" -> truncatedNormal(1.0, true);
      case "he_uniform" -> uniform(2.0, false);
      case "he_normal" -> truncatedNormal(2.0, false);
      case "zeros" -> constant(0f);
      case "ones" -> constant(1f);
      default -> throw new IllegalArgumentException(
          "unknown initializer '" + name + "' (expected glorot_uniform, glorot_normal, he_uniform,"
              + " he_normal, zeros or ones)");
    };
  }

  /** Uniform in ±sqrt(3·scale/fan), fan = average of fans (Glorot) or fan-in (He). */
  private static Initializer uniform(double scale, boolean averageFans) {
    return (tf, shape, seed) -> {
      float limit = (float) Math.sqrt(3 * scale / fan(shape, averageFans));
      Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.constant(shape), seeds(tf, seed));
      return tf.math.sub(tf.math.mul(u, tf.constant(2 * limit)), tf.constant(limit));
    };
  }

  /** Normal truncated at two stddevs, with variance scale/fan. */
  private static Initializer truncatedNormal(double scale, boolean averageFans) {
    return (tf, shape, seed) -> {
      float stddev = (float) (Math.sqrt(scale / fan(shape, averageFans)) / TRUNCATED_STDDEV);
      return tf.math.mul(
          tf.random.statelessTruncatedNormal(tf.constant(shape), seeds(tf, seed)),
          tf.constant(stddev));
    };
  }

  private static Initializer constant(float value) {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(value));
  }

  private static double fan(Shape shape, boolean average) {
    int rank = shape.numDimensions();
    if (rank < 1) {
      return 1;
    }
    if (rank == 1) {
      return shape.size(0);
    }
    long receptive = 1;
    for (int i = 0; i < rank - 2; i++) {
      receptive *= shape.size(i);
    }
    double fanIn = shape.size(rank - 2) * (double) receptive;
    double fanOut = shape.size(rank - 1) * (double) receptive;
    return average ? (fanIn + fanOut) / 2 : fanIn;
  }

  private static Operand<org.tensorflow.types.TInt64> seeds(Ops tf, long seed) {
    return tf.constant(new long[] {seed & 0x7fffffffL, (seed >>> 31) & 0x7fffffffL});
  }
}
