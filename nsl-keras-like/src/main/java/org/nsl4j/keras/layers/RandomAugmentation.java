package org.nsl4j.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Keras image augmentation layer ({@code RandomFlip}, {@code RandomRotation}...): random in
 * training, deterministic at inference (the identity, except {@code RandomCrop}). Random draws
 * derive from the model's seed; Keras's {@code seed} is kept in the config only, so the streams
 * differ from Python's. A layer whose training-time augmentation is not implemented logs one
 * warning, the first time it is built in training mode, and passes its inputs through.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
public abstract class RandomAugmentation<L extends RandomAugmentation<L>> extends Layer {

  private static final Logger LOG = LoggerFactory.getLogger(RandomAugmentation.class);

  private Integer seed;
  private boolean warned;
  private int calls;

  protected RandomAugmentation(String name) {
    super(name);
  }

  /** Keras's {@code seed} (config only; default null). */
  @SuppressWarnings("unchecked")
  public L seed(Integer seed) {
    this.seed = seed;
    return (L) this;
  }

  public Integer seed() {
    return seed;
  }

  @Override
  protected void build(Ops tf, org.tensorflow.ndarray.Shape inputShape) {
    ImageShapes.check(this, inputShape);
  }

  @Override
  protected final Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return training ? augment(tf, input) : infer(tf, input);
  }

  /** The inference-time output: the input by default. */
  protected Operand<TFloat32> infer(Ops tf, Operand<TFloat32> input) {
    return input;
  }

  /** The training-time output; by default not implemented: one warning, then the input. */
  protected Operand<TFloat32> augment(Ops tf, Operand<TFloat32> input) {
    if (!warned) {
      warned = true;
      LOG.warn("{} '{}': training-time augmentation is not implemented (TensorFlow Java 1.1.0"
          + " has no gradient for ImageProjectiveTransformV3), so it is skipped: the layer passes"
          + " its inputs through in training too", className(), name());
    }
    return input;
  }

  /** A name for the next random draw of this layer, distinct per call. */
  protected final String nextDraw() {
    return name() + "/augment" + calls++;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("seed", seed);
    return config;
  }
}
