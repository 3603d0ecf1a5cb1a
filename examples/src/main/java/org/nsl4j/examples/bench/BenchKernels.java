package org.nsl4j.examples.bench;

import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.profiler.ExecutedGraph;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;

/** Which kernels a model's inference graph really runs in bfloat16, after TensorFlow's rewrites. */
final class BenchKernels {

  private BenchKernels() {}

  /** Op type → count of the bfloat16 nodes TensorFlow ran for {@code model} on a batch of x. */
  static Map<String, Integer> bfloat16(Model model, FeatureArray x, int batch) {
    try (Tensor t = x.rows(0, batch).toTensor()) {
      return ExecutedGraph.of(model.session().runner().feed(model.inputPlaceholder(), t)
          .fetch(model.output())).opTypesIn(DataType.DT_BFLOAT16);
    }
  }
}
