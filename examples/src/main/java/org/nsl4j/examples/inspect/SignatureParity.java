package org.nsl4j.examples.inspect;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Model;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SignatureInfo;
import org.nsl4j.savedmodel.TensorSpec;

/**
 * The largest absolute difference between a rebuilt model and the file's serving signature on
 * the same random inputs, uniform in [0, 1), of the signature's shapes. Inputs pair by key (or
 * as the only one), outputs by the output layer's name (or as the only one).
 */
final class SignatureParity {

  private SignatureParity() {}

  static double maxAbsDiff(LoadedModel served, SignatureInfo signature, Model model, int batch,
      long seed) {
    Map<String, FeatureArray> feed = new LinkedHashMap<>();
    Map<String, FeatureArray> byInput = new HashMap<>();
    Random random = new Random(seed);
    for (InputLayer in : model.inputLayers()) {
      TensorSpec spec = pair(signature.inputs(), in.name(), "input");
      FeatureArray x = uniform(random, batch, in.shape());
      feed.put(spec.key(), x);
      byInput.put(in.name(), x);
    }
    Map<String, FeatureArray> expected = served.call(signature.key(), feed);
    List<FeatureArray> actual = model.predictAll(Dataset.fromTensorSlices(
        Features.of(byInput)).batch(batch));
    double max = 0;
    List<String> names = model.outputNames();
    for (int i = 0; i < names.size(); i++) {
      FeatureArray want = expected.get(pair(signature.outputs(), names.get(i), "output").key());
      max = Math.max(max, diff(want, actual.get(i), names.get(i)));
    }
    return max;
  }

  private static TensorSpec pair(Map<String, TensorSpec> specs, String name, String what) {
    if (specs.containsKey(name)) {
      return specs.get(name);
    }
    if (specs.size() == 1) {
      return specs.values().iterator().next();
    }
    throw new IllegalStateException("the signature has no " + what + " '" + name + "' (it has "
        + specs.keySet() + ")");
  }

  private static FeatureArray uniform(Random random, int batch, long[] shape) {
    long[] full = new long[shape.length + 1];
    full[0] = batch;
    System.arraycopy(shape, 0, full, 1, shape.length);
    int n = batch;
    for (long d : shape) {
      n = Math.multiplyExact(n, Math.toIntExact(d));
    }
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextFloat();
    }
    return FeatureArray.ofFloats(x, full);
  }

  private static double diff(FeatureArray a, FeatureArray b, String output) {
    if (a.floats().length != b.floats().length) {
      throw new IllegalStateException("output '" + output + "' has " + b.floats().length
          + " values rebuilt and " + a.floats().length + " through the signature");
    }
    double max = 0;
    for (int i = 0; i < a.floats().length; i++) {
      max = Math.max(max, Math.abs(a.floats()[i] - b.floats()[i]));
    }
    return max;
  }
}
