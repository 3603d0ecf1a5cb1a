package org.nsl4j.keras.layers;

/**
 * Channel dropout over (batch, height, width, channels) images, as Keras's {@code
 * SpatialDropout2D}.
 */
public final class SpatialDropout2D extends SpatialDropout {

  public SpatialDropout2D(float rate) {
    this(rate, null);
  }

  public SpatialDropout2D(float rate, String name) {
    super(2, rate, name);
  }
}
