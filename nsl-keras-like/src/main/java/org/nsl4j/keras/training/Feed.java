package org.nsl4j.keras.training;

import java.util.Arrays;
import java.util.Locale;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;

/**
 * A graph input fed from the feature {@code key} of each batch; {@code exampleShape} (no batch
 * dimension, {@code -1} for unknown sizes) or null when any shape is accepted.
 */
public record Feed(String key, Operand<?> placeholder, FeatureArray.DType dtype, long[] exampleShape) {

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
