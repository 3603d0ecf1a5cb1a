package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.backend.Gradients;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Model;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Gradients through the imported residual MNIST network (Conv2D, BatchNormalization, two Add
 * blocks, ReLU, GlobalAveragePooling2D, Dense), which white-box attacks and hardening rely on,
 * against central finite differences of a weighted sum of its logits: for the input pixels and
 * for a kernel inside the second residual branch, where each is largest.
 */
class ResidualGradientsTest {

  private static final float[] CLASS_WEIGHTS = {1, -2, 0.5f, 3, -1, 2, -0.5f, 1, -3, 0.25f};
  /**
   * The step: the network is far from smooth around a digit (ReLU kinks everywhere), so the
   * central difference of the steepest pixels is 6% off at 1e-2 and converges as it shrinks.
   */
  private static final float H = 3e-4f;

  @Test
  @SuppressWarnings("unchecked")
  void inputAndKernelGradientsMatchFiniteDifferences() {
    try (Model model = KerasModelLoader.load(Shared.keras("mnist_resnet_keras3_11.keras"))) {
      Ops tf = model.backend().tf();
      GraphOperation softmax = (GraphOperation) model.output().op();
      assertEquals("Softmax", softmax.type());
      Operand<TFloat32> logits = (Operand<TFloat32>) softmax.input(0);
      Operand<TFloat32> objective = tf.reduceSum(tf.math.mul(logits,
          tf.constant(new float[][] {CLASS_WEIGHTS})), tf.constant(new int[] {0, 1}));
      Placeholder<TFloat32> in = model.inputPlaceholder();
      Layer conv = model.getLayer("conv2d_4");
      List<Output<?>> grads = Gradients.of(model.backend(), "fd", objective,
          List.of(in, conv.weights().get(0).variable()));
      Session s = model.session();
      float[] x = Shared.digits(1).floats().clone();
      float[] dx = run(s, in, x, (Operand<TFloat32>) grads.get(0));
      for (int i : largest(dx, 6)) {
        float saved = x[i];
        x[i] = saved + H;
        double plus = run(s, in, x, objective)[0];
        x[i] = saved - H;
        double minus = run(s, in, x, objective)[0];
        x[i] = saved;
        assertClose((plus - minus) / (2 * H), dx[i], 0.03, "d/d pixel " + i);
      }
      float[] dk = run(s, in, x, (Operand<TFloat32>) grads.get(1));
      List<FeatureArray> weights = conv.getWeights();
      float[] kernel = weights.get(0).floats().clone();
      for (int i : largest(dk, 4)) {
        double plus = withKernelEntry(conv, weights, kernel, i, H, s, in, x, objective);
        double minus = withKernelEntry(conv, weights, kernel, i, -H, s, in, x, objective);
        assertClose((plus - minus) / (2 * H), dk[i], 0.01, "d/d conv2d_4 kernel[" + i + "]");
      }
      conv.setWeights(weights);
      assertEquals(kernel[0], conv.getWeights().get(0).floats()[0], "the kernel is restored");
    }
  }

  private static void assertClose(double numeric, float analytic, double relative,
      String what) {
    assertTrue(Math.abs(analytic) > 1, what + " is too small to compare: " + analytic);
    assertEquals(numeric, analytic, relative * Math.abs(numeric), what);
  }

  /** The objective with kernel entry {@code i} moved by {@code delta}. */
  private static double withKernelEntry(Layer conv, List<FeatureArray> weights, float[] kernel,
      int i, float delta, Session s, Placeholder<TFloat32> in, float[] x,
      Operand<TFloat32> objective) {
    float[] moved = kernel.clone();
    moved[i] += delta;
    conv.setWeights(List.of(FeatureArray.ofFloats(moved, weights.get(0).shape()),
        weights.get(1)));
    return run(s, in, x, objective)[0];
  }

  /** Indices of the {@code n} entries of largest magnitude. */
  private static int[] largest(float[] g, int n) {
    return IntStream.range(0, g.length).boxed()
        .sorted((a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])))
        .limit(n).mapToInt(Integer::intValue).toArray();
  }

  private static float[] run(Session s, Placeholder<TFloat32> in, float[] x,
      Operand<TFloat32> fetch) {
    try (Tensor t = FeatureArray.ofFloats(x, 1, 28, 28, 1).toTensor();
        Result r = s.runner().feed(in, t).fetch(fetch).run()) {
      return FeatureArray.fromTensor(r.get(0)).floats();
    }
  }
}
