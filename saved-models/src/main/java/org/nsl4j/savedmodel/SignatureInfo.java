package org.nsl4j.savedmodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * A signature of a SavedModel: its key (e.g. {@code serving_default}), method name (e.g. {@code
 * tensorflow/serving/predict}) and its inputs and outputs by key, in key order.
 */
public record SignatureInfo(
    String key, String methodName, Map<String, TensorSpec> inputs, Map<String, TensorSpec> outputs) {

  static SignatureInfo of(String key, SignatureDef def) {
    return new SignatureInfo(key, def.getMethodName(), specs(def.getInputsMap()),
        specs(def.getOutputsMap()));
  }

  private static Map<String, TensorSpec> specs(Map<String, TensorInfo> infos) {
    Map<String, TensorSpec> specs = new LinkedHashMap<>();
    new TreeMap<>(infos).forEach((k, info) -> specs.put(k, TensorSpec.of(k, info)));
    return Collections.unmodifiableMap(specs);
  }

  /** The input called {@code key}; fails naming the signature and its input keys. */
  public TensorSpec input(String key) {
    TensorSpec spec = inputs.get(key);
    if (spec == null) {
      throw new SavedModelException(
          "signature '" + this.key + "' has no input '" + key + "' (inputs: " + inputs.keySet()
              + ")");
    }
    return spec;
  }

  /** The output called {@code key}; fails naming the signature and its output keys. */
  public TensorSpec output(String key) {
    TensorSpec spec = outputs.get(key);
    if (spec == null) {
      throw new SavedModelException(
          "signature '" + this.key + "' has no output '" + key + "' (outputs: " + outputs.keySet()
              + ")");
    }
    return spec;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(key);
    if (!methodName.isEmpty()) {
      s.append(" (").append(methodName).append(')');
    }
    s.append("\n  inputs:");
    inputs.values().forEach(t -> s.append("\n    ").append(t));
    s.append("\n  outputs:");
    outputs.values().forEach(t -> s.append("\n    ").append(t));
    return s.toString();
  }
}
