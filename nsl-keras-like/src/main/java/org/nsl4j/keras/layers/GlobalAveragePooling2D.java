package org.nsl4j.keras.layers;

/**
 * The mean over all positions of (batch, height, width, channels) images, as Keras's
 * {@code GlobalAveragePooling2D}.
 */
public final class GlobalAveragePooling2D extends GlobalPooling {

  public GlobalAveragePooling2D() {
    this(null);
  }

  public GlobalAveragePooling2D(String name) {
    super(2, false, name);
  }
}
