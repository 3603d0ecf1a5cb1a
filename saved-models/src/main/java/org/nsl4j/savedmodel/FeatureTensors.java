package org.nsl4j.savedmodel;

import org.nsl4j.keras.data.FeatureArray;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TInt32;

/** Converts feature arrays to tensors of a signature's input types and back. */
final class FeatureTensors {

  private FeatureTensors() {}

  /** The element type a feature array feeds: float32 or int64. */
  static DataType dtypeOf(FeatureArray array) {
    return array.dtype() == FeatureArray.DType.FLOAT32 ? DataType.DT_FLOAT : DataType.DT_INT64;
  }

  /**
   * A new tensor for {@code spec} holding {@code array}: int64 arrays also feed int32 inputs when
   * every value fits. The caller closes it.
   */
  static Tensor toTensor(SignatureInfo signature, TensorSpec spec, FeatureArray array) {
    Shape shape = Shape.of(array.shape());
    if (spec.dtype() == DataType.DT_INT32 && array.dtype() == FeatureArray.DType.INT64) {
      FeedCheck.value(signature, spec, DataType.DT_INT32, shape);
      long[] longs = array.longs();
      int[] ints = new int[longs.length];
      for (int i = 0; i < longs.length; i++) {
        if (longs[i] != (int) longs[i]) {
          throw new SavedModelException(
              "signature '" + signature.key() + "' input '" + spec.key() + "' is int32, but value "
                  + longs[i] + " at index " + i + " does not fit");
        }
        ints[i] = (int) longs[i];
      }
      return TInt32.tensorOf(shape, DataBuffers.of(ints, true, false));
    }
    FeedCheck.value(signature, spec, dtypeOf(array), shape);
    return array.toTensor();
  }

  /** A feature array copied from an output tensor of type float32, int32 or int64. */
  static FeatureArray fromTensor(SignatureInfo signature, String key, Tensor tensor) {
    DataType t = tensor.dataType();
    if (t != DataType.DT_FLOAT && t != DataType.DT_INT32 && t != DataType.DT_INT64) {
      throw new SavedModelException(
          "signature '" + signature.key() + "' output '" + key + "' is "
              + TensorSpec.dtypeName(t) + ", which a FeatureArray cannot hold (float32, int32 or"
              + " int64); call the signature with tensors instead");
    }
    return FeatureArray.fromTensor(tensor);
  }
}
