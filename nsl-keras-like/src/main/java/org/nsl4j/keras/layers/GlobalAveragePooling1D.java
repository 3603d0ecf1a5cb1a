package org.nsl4j.keras.layers;

/**
 * The mean over all steps of (batch, steps, channels) sequences, as Keras's
 * {@code GlobalAveragePooling1D}.
 */
public final class GlobalAveragePooling1D extends GlobalPooling {

  public GlobalAveragePooling1D() {
    this(null);
  }

  public GlobalAveragePooling1D(String name) {
    super(1, false, name);
  }
}
