package org.nsl4j.keras.training;

import java.util.Arrays;
import java.util.Locale;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.losses.Loss;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A graph input fed from the feature {@code key} of each batch; {@code exampleShape} (no batch
 * dimension, {@code -1} for unknown sizes) or null when any shape is accepted.
 */
public record Feed(String key, Operand<?> placeholder, FeatureArray.DType dtype, long[] exampleShape) {

  /**
   * A new label placeholder fed from {@code key}: int64 class ids for a sparse loss, else float32
   * targets, of any shape.
   */
  public static Feed labels(Ops tf, String key, Loss loss) {
    return loss.sparseLabels()
        ? new Feed(key, tf.placeholder(TInt64.class, Placeholder.shape(Shape.unknown())),
            FeatureArray.DType.INT64, null)
        : new Feed(key, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.unknown())),
            FeatureArray.DType.FLOAT32, null);
  }

  /** The tensor for this feed from {@code batch}, after checking its key, dtype and shape. */
  public Tensor tensorFrom(Features batch) {
    if (!batch.has(key)) {
      throw new IllegalArgumentException(
          "batch has no feature '" + key + "' (it has " + batch.keys() + ")");
    }
    FeatureArray value = batch.get(key);
    if (value.dtype() != dtype) {
      throw new IllegalArgumentException(
          "feature '" + key + "' is " + value.dtype().name().toLowerCase(Locale.ROOT)
              + " but the model expects " + dtype.name().toLowerCase(Locale.ROOT));
    }
    if (exampleShape != null && !matches(value.shape())) {
      throw new IllegalArgumentException(
          "feature '" + key + "' has shape " + Arrays.toString(value.shape())
              + " but the model expects (None" + describe() + ")");
    }
    return value.toTensor();
  }

  private boolean matches(long[] shape) {
    if (shape.length != exampleShape.length + 1) {
      return false;
    }
    for (int i = 0; i < exampleShape.length; i++) {
      if (exampleShape[i] >= 0 && exampleShape[i] != shape[i + 1]) {
        return false;
      }
    }
    return true;
  }

  private String describe() {
    StringBuilder sb = new StringBuilder();
    for (long d : exampleShape) {
      sb.append(", ").append(d < 0 ? "None" : Long.toString(d));
    }
    return sb.toString();
  }
}
