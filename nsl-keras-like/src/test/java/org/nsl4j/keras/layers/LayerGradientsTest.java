package org.nsl4j.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.backend.Gradients;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Each layer's gradients (w.r.t. its input and its weights, in training mode) against central
 * finite differences of {@code sum(output · r)} for a fixed random {@code r}.
 */
class LayerGradientsTest {

  static Stream<Arguments> layers() {
    return Stream.of(
        Arguments.of("Conv2D valid", new long[] {5, 5, 2}, (Supplier<Layer>) () -> new Conv2D(3, 3)),
        Arguments.of("Conv2D same stride 2", new long[] {6, 6, 2},
            (Supplier<Layer>) () -> new Conv2D(2, 3, "tanh").padding("same").strides(2)),
        Arguments.of("MaxPooling2D", new long[] {4, 4, 2},
            (Supplier<Layer>) () -> new MaxPooling2D(2)),
        Arguments.of("AveragePooling2D", new long[] {4, 4, 2},
            (Supplier<Layer>) () -> new AveragePooling2D(2)),
        Arguments.of("Flatten", new long[] {2, 3}, (Supplier<Layer>) Flatten::new),
        Arguments.of("Dense sigmoid", new long[] {4},
            (Supplier<Layer>) () -> new Dense(3, "sigmoid")),
        Arguments.of("Activation softmax", new long[] {5},
            (Supplier<Layer>) () -> new Activation("softmax")),
        Arguments.of("BatchNormalization", new long[] {3},
            (Supplier<Layer>) BatchNormalization::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  @SuppressWarnings("unchecked")
  void analyticGradientsMatchFiniteDifferences(String label, long[] shape, Supplier<Layer> make) {
    Layer layer = make.get();
    long[] batchShape = new long[shape.length + 1];
    batchShape[0] = 4;
    System.arraycopy(shape, 0, batchShape, 1, shape.length);
    InputLayer in = new InputLayer("x", shape);
    try (Sequential model = new Sequential(in, layer)) {
      model.build();
      Placeholder<TFloat32> x = model.inputPlaceholder();
      Operand<TFloat32> y = model.callInBranch("fd", x, true, new ArrayList<>());
      Ops tf = model.backend().tf();
      Random random = new Random(3);
      long outSize = 4 * y.shape().tail().size();
      float[] r = new float[(int) outSize];
      for (int i = 0; i < r.length; i++) {
        r[i] = (float) random.nextGaussian();
      }
      Operand<TFloat32> objective = tf.reduceSum(
          tf.math.mul(y, tf.reshape(tf.constant(r), tf.shape(y))),
          tf.range(tf.constant(0), tf.rank(y), tf.constant(1)));
      List<Operand<?>> targets = new ArrayList<>();
      targets.add(x);
      layer.weights().forEach(w -> targets.add(w.variable()));
      // moving statistics are not differentiated: their gradient entries stay null
      List<Output<?>> grads = Gradients.of(model.backend(), "fd_gradients", objective, targets);

      float[] input = new float[(int) Shape.of(batchShape).size()];
      for (int i = 0; i < input.length; i++) {
        input[i] = (float) random.nextGaussian();
      }
      Session s = model.session();
      float[] gx = run(s, x, batchShape, input, (Operand<TFloat32>) grads.get(0));
      for (int i = 0; i < input.length; i += Math.max(1, input.length / 12)) {
        double numeric = centralDifference(s, x, batchShape, input, objective, i);
        assertEquals(numeric, gx[i], 2e-2 * Math.max(1, Math.abs(numeric)),
            label + " d/dx[" + i + "]");
      }
      for (int w = 0; w < layer.weights().size(); w++) {
        Weight weight = layer.weights().get(w);
        if (!weight.trainable()) {
          assertEquals(null, grads.get(w + 1), weight.name() + " must have no gradient");
          continue;
        }
        float[] gw = run(s, x, batchShape, input, (Operand<TFloat32>) grads.get(w + 1));
        float[] value = layer.getWeights().get(w).floats().clone();
        for (int i = 0; i < value.length; i += Math.max(1, value.length / 6)) {
          double numeric = weightDifference(layer, w, value, i, s, x, batchShape, input, objective);
          assertEquals(numeric, gw[i], 2e-2 * Math.max(1, Math.abs(numeric)),
              label + " d/d" + weight.name() + "[" + i + "]");
        }
      }
    }
  }

  private static double centralDifference(Session s, Placeholder<TFloat32> x, long[] shape,
      float[] input, Operand<TFloat32> objective, int i) {
    float h = 1e-2f;
    float saved = input[i];
    input[i] = saved + h;
    double plus = run(s, x, shape, input, objective)[0];
    input[i] = saved - h;
    double minus = run(s, x, shape, input, objective)[0];
    input[i] = saved;
    return (plus - minus) / (2 * h);
  }

  private static double weightDifference(Layer layer, int w, float[] value, int i, Session s,
      Placeholder<TFloat32> x, long[] shape, float[] input, Operand<TFloat32> objective) {
    float h = 1e-2f;
    float saved = value[i];
    List<org.nsl4j.keras.data.FeatureArray> all = new ArrayList<>(layer.getWeights());
    long[] wShape = all.get(w).shape();
    value[i] = saved + h;
    all.set(w, org.nsl4j.keras.data.FeatureArray.ofFloats(value.clone(), wShape));
    layer.setWeights(all);
    double plus = run(s, x, shape, input, objective)[0];
    value[i] = saved - h;
    all.set(w, org.nsl4j.keras.data.FeatureArray.ofFloats(value.clone(), wShape));
    layer.setWeights(all);
    double minus = run(s, x, shape, input, objective)[0];
    value[i] = saved;
    all.set(w, org.nsl4j.keras.data.FeatureArray.ofFloats(value.clone(), wShape));
    layer.setWeights(all);
    return (plus - minus) / (2 * h);
  }

  private static float[] run(Session s, Placeholder<TFloat32> x, long[] shape, float[] input,
      Operand<TFloat32> fetch) {
    try (Tensor t = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(input, true, false));
        Result r = s.runner().feed(x, t).fetch(fetch).run()) {
      TFloat32 out = (TFloat32) r.get(0);
      float[] v = new float[(int) out.shape().size()];
      out.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
  }
}
