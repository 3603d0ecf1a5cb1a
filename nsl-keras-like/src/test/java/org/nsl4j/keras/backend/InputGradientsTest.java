package org.nsl4j.keras.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Sequential;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The shortcut input gradient equals TensorFlow's own, for both paddings and channel counts. */
class InputGradientsTest {

  @ParameterizedTest
  @CsvSource({"valid, 1, 3", "same, 1, 3", "valid, 3, 5", "same, 2, 3", "valid, 1, 1"})
  @SuppressWarnings("unchecked")
  void matchesTensorFlowsConvolutionGradient(String padding, int channels, int kernel) {
    try (Sequential model = new Sequential(new InputLayer("x", 9, 8, channels),
        new Conv2D(4, kernel, "relu").padding(padding), new Flatten(), new Dense(3))) {
      model.build();
      Operand<TFloat32> y = model.callInBranch("check", model.inputPlaceholder(), true,
          new ArrayList<>());
      Ops tf = model.backend().tf();
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(y, tf.constant(new float[] {1, -2, 3})),
          tf.constant(new int[] {0, 1}));
      List<Operand<?>> weights = new ArrayList<>();
      model.trainableWeights().forEach(w -> weights.add(w.variable()));
      List<Output<?>> fast =
          InputGradients.of(model.backend(), "fast", loss, model.inputPlaceholder(), weights);
      List<Operand<?>> targets = new ArrayList<>();
      targets.add(model.inputPlaceholder());
      targets.addAll(weights);
      List<Output<?>> reference = Gradients.of(model.backend(), "reference", loss, targets);
      assertTrue(countOps(model, "MatMul", "fast_input") > 0, "the shortcut must be used");

      float[] input = new float[5 * 9 * 8 * channels];
      Random r = new Random(channels * 31L + kernel);
      for (int i = 0; i < input.length; i++) {
        input[i] = (float) r.nextGaussian();
      }
      for (int g = 0; g < fast.size(); g++) {
        float[] a = run(model, input, channels, (Operand<TFloat32>) fast.get(g));
        float[] b = run(model, input, channels, (Operand<TFloat32>) reference.get(g));
        assertArrayEquals(b, a, 1e-4f, "gradient " + g);
      }
      assertEquals(model.trainableWeights().size() + 1, fast.size());
    }
  }

  private static float[] run(Sequential model, float[] input, int channels,
      Operand<TFloat32> fetch) {
    try (Tensor x = TFloat32.tensorOf(Shape.of(5, 9, 8, channels),
        DataBuffers.of(input, true, false));
        Result r = model.session().runner().feed(model.inputPlaceholder(), x).fetch(fetch)
            .run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] v = new float[(int) t.shape().size()];
      t.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
  }

  private static long countOps(Sequential model, String type, String prefix) {
    long n = 0;
    Iterator<GraphOperation> ops = model.backend().graph().operations();
    while (ops.hasNext()) {
      GraphOperation op = ops.next();
      if (op.type().equals(type) && op.name().startsWith(prefix)) {
        n++;
      }
    }
    return n;
  }
}
