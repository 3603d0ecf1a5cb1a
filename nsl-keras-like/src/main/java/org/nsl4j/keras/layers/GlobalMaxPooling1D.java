package org.nsl4j.keras.layers;

/**
 * The maximum over all steps of (batch, steps, channels) sequences, as Keras's
 * {@code GlobalMaxPooling1D}.
 */
public final class GlobalMaxPooling1D extends GlobalPooling {

  public GlobalMaxPooling1D() {
    this(null);
  }

  public GlobalMaxPooling1D(String name) {
    super(1, true, name);
  }
}
