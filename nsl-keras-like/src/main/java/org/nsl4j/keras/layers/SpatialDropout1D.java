package org.nsl4j.keras.layers;

/** Channel dropout over (batch, steps, channels) sequences, as Keras's {@code SpatialDropout1D}. */
public final class SpatialDropout1D extends SpatialDropout {

  public SpatialDropout1D(float rate) {
    this(rate, null);
  }

  public SpatialDropout1D(float rate, String name) {
    super(1, rate, name);
  }
}
