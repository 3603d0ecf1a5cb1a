package org.nsl4j.savedmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nsl4j.keras.data.FeatureArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/** One example of zeros for every input of a signature, to check that it runs. */
final class ZeroInputs {

  private ZeroInputs() {}

  /** Zeros shaped like each input (unknown dimensions 1); empty if an input cannot be fed so. */
  static Optional<Map<String, FeatureArray>> of(SignatureInfo signature) {
    Map<String, FeatureArray> inputs = new LinkedHashMap<>();
    for (TensorSpec spec : signature.inputs().values()) {
      Shape shape = spec.shape();
      if (shape.isUnknown()) {
        return Optional.empty();
      }
      long[] dims = new long[shape.numDimensions()];
      int size = 1;
      for (int i = 0; i < dims.length; i++) {
        dims[i] = Math.max(1, shape.get(i));
        size = Math.multiplyExact(size, (int) dims[i]);
      }
      if (spec.dtype() == DataType.DT_FLOAT) {
        inputs.put(spec.key(), FeatureArray.ofFloats(new float[size], dims));
      } else if (spec.dtype() == DataType.DT_INT64 || spec.dtype() == DataType.DT_INT32) {
        inputs.put(spec.key(), FeatureArray.ofLongs(new long[size], dims));
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(inputs);
  }
}
