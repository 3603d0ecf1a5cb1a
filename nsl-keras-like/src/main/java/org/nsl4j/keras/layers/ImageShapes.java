package org.nsl4j.keras.layers;

import org.tensorflow.ndarray.Shape;

/** Checks of the channels-last inputs (batch, spatial..., channels) of image and 1D layers. */
final class ImageShapes {

  private ImageShapes() {}

  /** Fails unless {@code shape} has rank 4. */
  static void check(Layer layer, Shape shape) {
    if (shape.numDimensions() != 4) {
      throw new IllegalArgumentException(layer.className() + " '" + layer.name() + "' expects"
          + " inputs of shape (batch, height, width, channels), got " + shape);
    }
  }

  /** Fails unless {@code shape} is (batch, spatial..., channels) with {@code spatialRank} axes. */
  static void checkRank(Layer layer, Shape shape, int spatialRank) {
    if (shape.numDimensions() != spatialRank + 2) {
      throw new IllegalArgumentException(layer.className() + " '" + layer.name() + "' expects"
          + " inputs of rank " + (spatialRank + 2) + " (batch, spatial..., channels), got "
          + shape);
    }
  }

  /** The known (height, width) of a rank-4 {@code shape}; fails if either is unknown. */
  static long[] knownSize(Layer layer, Shape shape) {
    check(layer, shape);
    if (shape.size(1) < 0 || shape.size(2) < 0) {
      throw new IllegalArgumentException(layer.className() + " '" + layer.name() + "' needs"
          + " known image sizes, got " + shape);
    }
    return new long[] {shape.size(1), shape.size(2)};
  }
}
