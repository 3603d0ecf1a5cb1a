package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nsl4j.keras.backend.Gradients;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Input;
import org.nsl4j.keras.models.KerasTensor;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.testing.FiniteDifferences;
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
 * The layer test every built-in layer passes, as Keras's {@code run_layer_test}: the layer in a
 * functional model gives the expected output shape, weight names and hand-computed values; its
 * {@code summary()} row names its Keras class; its {@code getConfig()} goes through JSON and the
 * built-in registry to an equal layer (same config, same outputs with the same weights); and its
 * gradients w.r.t. inputs and weights, in training mode, match central finite differences.
 */
final class LayerHarness {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GRADIENT_BATCH = 3;
  private static final int INPUT_POINTS = 12;
  private static final int WEIGHT_POINTS = 6;

  private LayerHarness() {}

  /** Runs every check on {@code c}. */
  static void run(LayerCase c) {
    Layer layer = c.make.get();
    try (Model model = model(c, layer)) {
      model.build();
      checkStructure(c, model, layer);
      if (!c.weights.isEmpty()) {
        layer.setWeights(floats(layer, c.weights));
      }
      // an identity layer's output is its input placeholder, which cannot be fed and fetched
      Operand<TFloat32> output = model.backend().tf().identity(model.output());
      assertArrayEquals(c.expected, run(model, output, c.forwardInputs, c), (float) c.tolerance,
          c.label + " values");
      checkRoundTrip(c, model, output, layer);
      checkGradients(c, model, layer);
    }
  }

  private static Model model(LayerCase c, Layer layer) {
    List<KerasTensor> inputs = new ArrayList<>();
    for (int i = 0; i < c.inputShapes.size(); i++) {
      inputs.add(Input.of("in" + i, c.inputShapes.get(i)));
    }
    return new Model(inputs, List.of(layer.apply(inputs)));
  }

  private static void checkStructure(LayerCase c, Model model, Layer layer) {
    assertArrayEquals(Shape.of(c.outputShape).prepend(-1).asArray(), layer.outputShape().asArray(),
        c.label + " shape " + layer.outputShape());
    List<String> names = layer.weights().stream()
        .map(w -> w.name().substring(layer.name().length() + 1)).toList();
    assertEquals(c.weightNames, names, c.label + " weight names");
    assertTrue(LayerRegistry.builtIn().supported().contains(layer.className()),
        c.label + ": class " + layer.className() + " is not registered");
    assertTrue(model.summaryText().contains(layer.name() + " (" + layer.className() + ")"),
        model.summaryText());
  }

  /** getConfig → JSON → registry → the same config and the same outputs. */
  private static void checkRoundTrip(LayerCase c, Model model, Operand<TFloat32> output,
      Layer layer) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("class_name", layer.className());
    entry.put("config", layer.getConfig());
    JsonNode json = json(c, entry);
    Layer rebuilt =
        LayerRegistry.builtIn().create(LayerConfig.of(json).withKerasVersion(c.kerasVersion));
    assertEquals(layer.getClass(), rebuilt.getClass(), c.label + " rebuilt class");
    try (Model copy = model(c, rebuilt)) {
      copy.build();
      assertEquals(json.get("config"), json(c, rebuilt.getConfig()),
          c.label + " config after the round trip");
      if (!layer.weights().isEmpty()) {
        rebuilt.setWeights(layer.getWeights());
      }
      float[][] random = randomInputs(c, new Random(11), GRADIENT_BATCH);
      assertArrayEquals(run(model, output, random, c),
          run(copy, copy.backend().tf().identity(copy.output()), random, c), 1e-6f,
          c.label + " outputs after the round trip");
    }
  }

  /** {@code value} written as JSON text and read back. */
  private static JsonNode json(LayerCase c, Object value) {
    try {
      return JSON.readTree(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new AssertionError(c.label + ": config is not JSON: " + e.getMessage(), e);
    }
  }

  /** Analytic gradients of sum(y · r) in training mode against central differences. */
  @SuppressWarnings("unchecked")
  private static void checkGradients(LayerCase c, Model model, Layer layer) {
    List<Placeholder<TFloat32>> xs = model.inputPlaceholders();
    Random random = new Random(3);
    Operand<TFloat32> objective = trainingObjective(c, model, random);
    List<Operand<?>> targets = new ArrayList<>(xs);
    layer.weights().forEach(w -> targets.add(w.variable()));
    List<Output<?>> grads = Gradients.of(model.backend(), "fd_gradients", objective, targets);
    List<float[]> values = List.of(randomInputs(c, random, GRADIENT_BATCH));
    List<long[]> shapes = c.inputShapes.stream()
        .map(s -> Shape.of(s).prepend(GRADIENT_BATCH).asArray()).toList();
    try (FiniteDifferences fd = new FiniteDifferences(model.backend().graph(), model.session(),
        xs, shapes, values)) {
      for (int k = 0; k < xs.size(); k++) {
        checkInputGradient(c, fd, objective, (Operand<TFloat32>) grads.get(k), values.get(k), k);
      }
      for (int w = 0; w < layer.weights().size(); w++) {
        checkWeightGradient(c, fd, objective, layer, w,
            (Operand<TFloat32>) grads.get(xs.size() + w));
      }
    }
  }

  /** sum(y · r) for the layer's training-mode output y and a fixed random r. */
  private static Operand<TFloat32> trainingObjective(LayerCase c, Model model, Random random) {
    Operand<TFloat32> y = model.callInBranch("fd", new ArrayList<>(model.inputPlaceholders()),
        true, new ArrayList<>()).get(0);
    long[] shape = Shape.of(c.outputShape).prepend(GRADIENT_BATCH).asArray();
    float[] r = new float[(int) Shape.of(shape).size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) random.nextGaussian();
    }
    Ops tf = model.backend().tf();
    Operand<TFloat32> weights = tf.constant(Shape.of(shape), DataBuffers.of(r, true, false));
    return tf.reduceSum(tf.math.mul(y, weights),
        tf.range(tf.constant(0), tf.rank(y), tf.constant(1)));
  }

  /** A trainable weight must have a gradient; every gradient must match the differences. */
  private static void checkWeightGradient(LayerCase c, FiniteDifferences fd,
      Operand<TFloat32> objective, Layer layer, int w, Operand<TFloat32> gradient) {
    Weight weight = layer.weights().get(w);
    if (weight.trainable() && layer.isTrainable()) {
      assertNotNull(gradient, c.label + ": no gradient for " + weight.name());
    }
    if (gradient == null) {
      return;
    }
    float[] analytic = fd.eval(gradient);
    for (int i = 0; i < analytic.length; i += Math.max(1, analytic.length / WEIGHT_POINTS)) {
      assertClose(fd.weight(objective, layer, w, i), analytic[i],
          c.label + " d/d" + weight.name() + "[" + i + "]");
    }
  }

  private static void checkInputGradient(LayerCase c, FiniteDifferences fd,
      Operand<TFloat32> objective, Operand<TFloat32> gradient, float[] x, int k) {
    assertNotNull(gradient, c.label + ": no gradient for input " + k);
    float[] analytic = fd.eval(gradient);
    if (!c.differentiableInputs) {
      for (float g : analytic) {
        assertEquals(0f, g, 0f, c.label + ": the inputs' gradient must be zero");
      }
      return;
    }
    for (int i = 0; i < x.length; i += Math.max(1, x.length / INPUT_POINTS)) {
      assertClose(fd.input(objective, k, i), analytic[i], c.label + " d/dx" + k + "[" + i + "]");
    }
  }

  private static void assertClose(double numeric, double analytic, String what) {
    assertEquals(numeric, analytic, 2e-2 * Math.max(1, Math.abs(numeric)), what);
  }

  private static float[][] randomInputs(LayerCase c, Random random, int batch) {
    float[][] in = new float[c.inputShapes.size()][];
    for (int k = 0; k < in.length; k++) {
      in[k] = new float[(int) (batch * Shape.of(c.inputShapes.get(k)).size())];
      for (int i = 0; i < in[k].length; i++) {
        in[k][i] = (float) c.sampler.applyAsDouble(random);
      }
    }
    return in;
  }

  /** The model's output on {@code inputs} (inference). */
  private static float[] run(Model model, Operand<TFloat32> output, float[][] inputs,
      LayerCase c) {
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = model.session().runner();
      for (int k = 0; k < inputs.length; k++) {
        long[] example = c.inputShapes.get(k);
        long batch = inputs[k].length / Shape.of(example).size();
        Tensor t = FeatureArray.ofFloats(inputs[k], Shape.of(example).prepend(batch).asArray())
            .toTensor();
        fed.add(t);
        runner.feed(model.inputPlaceholders().get(k), t);
      }
      try (Result r = runner.fetch(output).run()) {
        return FeatureArray.fromTensor(r.get(0)).floats();
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  private static List<FeatureArray> floats(Layer layer, List<float[]> values) {
    List<FeatureArray> arrays = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      arrays.add(FeatureArray.ofFloats(values.get(i), layer.weights().get(i).shape().asArray()));
    }
    return arrays;
  }
}
