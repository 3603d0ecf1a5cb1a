package org.nsl4j.keras.layers;

import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Flips NHWC images at random during training, as Keras's {@code RandomFlip}: mode {@code
 * horizontal} (left-right), {@code vertical} (up-down) or {@code horizontal_and_vertical}
 * (default; each direction drawn independently), each image with probability 1/2; the identity at
 * inference.
 */
public final class RandomFlip extends RandomAugmentation<RandomFlip> {

  private final String mode;

  /** Flips in both directions (Keras's default). */
  public RandomFlip() {
    this("horizontal_and_vertical", null);
  }

  /** The given mode and layer name (may be null). */
  public RandomFlip(String mode, String name) {
    super(name);
    String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
    if (!m.equals("horizontal") && !m.equals("vertical") && !m.equals("horizontal_and_vertical")) {
      throw new IllegalArgumentException("RandomFlip mode must be 'horizontal', 'vertical' or"
          + " 'horizontal_and_vertical', got '" + mode + "'");
    }
    this.mode = m;
  }

  public String mode() {
    return mode;
  }

  @Override
  protected Operand<TFloat32> augment(Ops tf, Operand<TFloat32> input) {
    Operand<TFloat32> x = input;
    if (mode.startsWith("horizontal")) {
      x = flipSome(tf, x, 2);
    }
    if (mode.endsWith("vertical")) {
      x = flipSome(tf, x, 1);
    }
    return x;
  }

  /** {@code x} with about half its images reversed along {@code axis}. */
  private Operand<TFloat32> flipSome(Ops tf, Operand<TFloat32> x, int axis) {
    Operand<TBool> flip = tf.math.less(
        RandomOps.uniform(tf, RandomOps.perExample(tf, x, 4), nextDraw()), tf.constant(0.5f));
    return tf.select(flip, tf.reverse(x, tf.constant(new int[] {axis})), x);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("mode", mode);
    config.put("data_format", "channels_last");
    return config;
  }
}
