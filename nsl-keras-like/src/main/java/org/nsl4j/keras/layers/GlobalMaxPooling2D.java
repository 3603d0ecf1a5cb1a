package org.nsl4j.keras.layers;

/**
 * The maximum over all positions of (batch, height, width, channels) images, as Keras's
 * {@code GlobalMaxPooling2D}.
 */
public final class GlobalMaxPooling2D extends GlobalPooling {

  public GlobalMaxPooling2D() {
    this(null);
  }

  public GlobalMaxPooling2D(String name) {
    super(2, true, name);
  }
}
