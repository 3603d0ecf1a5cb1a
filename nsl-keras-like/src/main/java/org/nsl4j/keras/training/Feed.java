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
 * dimension, {@code -1} for unknown sizes) or null when any shape is accepted; {@code classes}
 * &gt; 0 for int64 class ids, which must then lie in {@code [0, classes)}.
 */
public record Feed(String key, Operand<?> placeholder, FeatureArray.DType dtype,
    long[] exampleShape, long classes) {

  /** A feed of any values of its dtype and shape. */
  public Feed(String key, Operand<?> placeholder, FeatureArray.DType dtype, long[] exampleShape) {
    this(key, placeholder, dtype, exampleShape, 0);
  }

  /**
   * A new label placeholder fed from {@code key}, of any shape: float32 targets, or int64 class
   * ids for a sparse loss, checked against the width of the predictions {@code yPred} (Keras
   * fails on a class id outside the outputs; a one-hot row of zeros would silently give no loss).
   */
  public static Feed labels(Ops tf, String key, Loss loss, Operand<TFloat32> yPred) {
    if (!loss.sparseLabels()) {
      return new Feed(key, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.unknown())),
          FeatureArray.DType.FLOAT32, null);
    }
    Shape out = yPred.shape();
    long classes = out.isUnknown() ? 0 : Math.max(0, out.size(out.numDimensions() - 1));
    return new Feed(key, tf.placeholder(TInt64.class, Placeholder.shape(Shape.unknown())),
        FeatureArray.DType.INT64, null, classes);
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
    if (classes > 0) {
      checkClassIds(value.longs());
    }
    return value.toTensor();
  }

  private void checkClassIds(long[] ids) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= classes) {
        throw new IllegalArgumentException(
            "feature '" + key + "' has class id " + ids[i] + " at index " + i
                + " of the batch, outside [0, " + classes + "): the model's output has " + classes
                + " classes");
      }
    }
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
