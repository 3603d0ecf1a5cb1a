package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.testing.SharedFixtures;

/**
 * The real {@code .keras} and {@code .h5} files of {@code ../shared/fixtures/keras} and the
 * subclassed two-input SavedModel, rebuilt with the built-in layers.
 */
class KerasFixturesTest {

  private static double accuracy(Model model, int n) {
    FeatureArray scores = model.predict(Shared.digits(n), 500);
    return Shared.accuracy(scores, Shared.labels(n));
  }

  static FeatureArray uniform(long seed, float scale, long... shape) {
    Random random = new Random(seed);
    int n = 1;
    for (long d : shape) {
      n *= (int) d;
    }
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextFloat() * scale;
    }
    return FeatureArray.ofFloats(x, shape);
  }

  private static List<String> classNames(Model model) {
    return model.layers().stream().map(Layer::className).distinct().sorted().toList();
  }

  @Test
  void keras31CnnReachesTheAuthorsAccuracyOnTheRealTestSet() {
    Path file = Shared.keras("mnist_cnn_keras3_1.keras");
    ModelFileInfo info = KerasModelLoader.probe(file);
    assertEquals(ModelFormat.KERAS_ARCHIVE, info.format());
    assertEquals("3.1.1", info.kerasVersion());
    try (ImportedModel imported = KerasModelLoader.builder().build().importModel(file)) {
      Model model = imported.model();
      assertEquals("input_layer", model.inputLayer().name());
      assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten",
          "dropout", "dense"), model.layers().stream().map(l -> l.name()).toList());
      assertEquals("softmax", ((Dense) model.getLayer("dense")).activation());
      assertEquals(6, imported.weights().used());
      assertEquals(Map.of("optimizer", 14), imported.weights().skipped());
      double accuracy = accuracy(model, 10_000);
      System.out.printf("mnist_cnn_keras3_1.keras accuracy on 10,000 test digits: %.4f%n",
          accuracy);
      assertEquals(0.9928, accuracy, 0.003);
    }
  }

  @Test
  void keras310BatchNormCnnSkipsItsOptimizerState() {
    Path file = Shared.keras("mnist_cnn_bn_keras3_10.keras");
    try (ImportedModel imported = KerasModelLoader.builder().build().importModel(file)) {
      assertEquals("3.10.0", imported.file().kerasVersion());
      assertEquals(5 * 4 + 4 * 2 + 2 * 2, imported.weights().used());
      assertTrue(imported.weights().skipped().get("optimizer") > 0, imported.weights().toString());
      assertEquals(imported.weights().skipped().keySet(), Set.of("optimizer"));
      double accuracy = accuracy(imported.model(), 10_000);
      System.out.printf("mnist_cnn_bn_keras3_10.keras accuracy on 10,000 test digits: %.4f%n",
          accuracy);
      assertTrue(accuracy > 0.99, "accuracy " + accuracy);
    }
  }

  /**
   * The residual network scores 0.9588 on the 10,000 test digits at x / 255, and that is the
   * model's own accuracy, not an import error: a NumPy forward pass of the file's weights,
   * written independently of this project, gives 0.9588 too. Its BatchNormalization moving
   * statistics match the batch statistics of x / 255 digits (not of raw or standardized pixels)
   * but lag behind its weights (normalized with batch statistics it scores 0.986 on 2,000
   * digits); it was trained for 4,690 steps by an optimizer without slots (plain SGD).
   */
  @Test
  void keras311ResidualNetworkIsAGraphOfTwoAddBlocks() {
    Path file = Shared.keras("mnist_resnet_keras3_11.keras");
    try (ImportedModel imported = KerasModelLoader.builder().build().importModel(file)) {
      Model model = imported.model();
      assertEquals(5 * 2 + 5 * 4 + 2, imported.weights().used());
      assertEquals(38_282, model.countParams());
      assertEquals(List.of("Add", "BatchNormalization", "Conv2D", "Dense",
          "GlobalAveragePooling2D", "ReLU"), classNames(model));
      assertTrue(model.summaryText().contains(
          "[batch_normalization[0][0], batch_normalization_2[0][0]]"), model.summaryText());
      double accuracy = accuracy(model, 10_000);
      System.out.printf("mnist_resnet_keras3_11.keras accuracy on 10,000 digits: %.4f%n",
          accuracy);
      assertEquals(0.9588, accuracy, 0.0015);
    }
  }

  @Test
  void keras24ResNet8UsesAll78666LayerWeightsOnce() {
    Path file = Shared.keras("cifar10_resnet8_keras2_4.h5");
    try (ImportedModel imported = KerasModelLoader.builder().build().importModel(file)) {
      Model model = imported.model();
      assertEquals(ModelFormat.H5_KERAS2, imported.file().format());
      assertEquals(78_666, model.countParams());
      assertEquals(9 * 2 + 7 * 4 + 2, imported.weights().used());
      assertEquals(Set.of("optimizer_weights"), imported.weights().skipped().keySet());
      assertEquals(3, model.layers().stream().filter(l -> l.className().equals("Add")).count());
      assertArrayEquals(new long[] {32, 32, 3}, model.inputLayer().shape());
      FeatureArray p = model.predict(uniform(1, 255f, 8, 32, 32, 3));
      assertArrayEquals(new long[] {8, 10}, p.shape());
      double spread = 0;
      for (int i = 0; i < 8; i++) {
        double sum = 0;
        for (int j = 0; j < 10; j++) {
          float v = p.floats()[i * 10 + j];
          assertTrue(v >= 0 && v <= 1, "a probability: " + v);
          sum += v;
          spread = Math.max(spread, Math.abs(v - p.floats()[j]));
        }
        assertEquals(1.0, sum, 1e-4, "softmax row " + i);
      }
      assertTrue(spread > 1e-3, "different images get different scores");
    }
  }

  /**
   * Auto MPG's regressor on five cars of the public dataset (cylinders, displacement,
   * horsepower, weight, acceleration, model year, one-hot origin Europe/Japan/USA, in the order
   * of its adapted Normalization), against the same network computed by hand from the file's
   * weights and against each car's real fuel economy.
   */
  @Test
  void keras310NormalizationRegressorPredictsPlausibleMpg() {
    Path file = Shared.keras("autompg_normalization_keras3_10.keras");
    try (ImportedModel imported = KerasModelLoader.builder().build().importModel(file)) {
      Model model = imported.model();
      assertEquals(3 + 3 * 2, imported.weights().used());
      assertEquals(Map.of("optimizer", 14), imported.weights().skipped());
      List<FeatureArray> norm = model.getLayer("normalization").getWeights();
      assertEquals(2990.25, norm.get(0).floats()[3], 0.01, "the adapted mean weight in pounds");
      Map<String, float[]> cars = new TreeMap<>(Map.of(
          "chevrolet chevelle malibu", new float[] {18, 8, 307, 130, 3504, 12, 70, 0, 0, 1},
          "buick skylark 320", new float[] {15, 8, 350, 165, 3693, 11.5f, 70, 0, 0, 1},
          "plymouth satellite", new float[] {18, 8, 318, 150, 3436, 11, 70, 0, 0, 1},
          "toyota corona mark ii", new float[] {24, 4, 113, 95, 2372, 15, 70, 0, 1, 0},
          "datsun pl510", new float[] {27, 4, 97, 88, 2130, 14.5f, 70, 0, 1, 0}));
      float[] x = new float[cars.size() * 9];
      int row = 0;
      for (float[] car : cars.values()) {
        System.arraycopy(car, 1, x, 9 * row++, 9);
      }
      float[] mpg = model.predict(FeatureArray.ofFloats(x, cars.size(), 9)).floats();
      row = 0;
      for (Map.Entry<String, float[]> car : cars.entrySet()) {
        float[] h = normalize(Arrays.copyOfRange(car.getValue(), 1, 10), norm.get(0).floats(),
            norm.get(1).floats());
        for (String dense : List.of("dense_6", "dense_7", "dense_8")) {
          h = HandDense.apply(model.getLayer(dense), h);
        }
        assertEquals(h[0], mpg[row], 1e-3 * Math.max(1, Math.abs(h[0])), car.getKey());
        System.out.printf("autompg %s: %.0f mpg, predicted %.1f%n", car.getKey(),
            car.getValue()[0], mpg[row]);
        assertEquals(car.getValue()[0], mpg[row], 3, car.getKey());
        row++;
      }
    }
  }

  private static float[] normalize(float[] x, float[] mean, float[] variance) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) ((x[i] - mean[i]) / Math.max(Math.sqrt(variance[i]), 1e-7));
    }
    return out;
  }

  @Test
  void subclassedTwoInputTwoOutputModelRunsThroughItsSignature() {
    Path dir = SharedFixtures.savedModel("housing_wide_deep_2in_2out_tf2_11");
    InferenceOnlyException e = assertThrows(InferenceOnlyException.class,
        () -> KerasModelLoader.load(dir));
    assertTrue(e.getMessage().contains("subclassed") && e.getMessage().contains("LoadedModel"),
        e.getMessage());
    try (LoadedModel served = LoadedModel.load(dir)) {
      SignatureInfo s = served.defaultSignature();
      assertEquals(2, s.inputs().size(), s.toString());
      assertEquals(2, s.outputs().size(), s.toString());
      Map<String, FeatureArray> in = new TreeMap<>();
      long seed = 7;
      for (TensorSpec spec : s.inputs().values()) {
        int width = (int) spec.shape().get(1);
        float[] x = new float[4 * width];
        Random random = new Random(seed++);
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) random.nextGaussian();
        }
        in.put(spec.key(), FeatureArray.ofFloats(x, 4, width));
      }
      assertEquals(List.of(5L, 6L), s.inputs().values().stream()
          .map(t -> t.shape().get(1)).sorted().toList());
      Map<String, FeatureArray> out = served.call(s.key(), in);
      assertEquals(s.outputs().keySet(), out.keySet());
      for (FeatureArray y : out.values()) {
        assertArrayEquals(new long[] {4, 1}, y.shape());
        for (float v : y.floats()) {
          assertTrue(Float.isFinite(v));
        }
      }
      Map<String, FeatureArray> again = served.call(s.key(), in);
      out.forEach((k, v) -> assertArrayEquals(v.floats(), again.get(k).floats(), 0f, k));
      Map<String, FeatureArray> other = new TreeMap<>(in);
      String wide = in.keySet().iterator().next();
      other.put(wide, uniform(3, 1f, in.get(wide).shape()));
      Map<String, FeatureArray> changed = served.call(s.key(), other);
      assertTrue(out.keySet().stream().anyMatch(k -> !Arrays.equals(
          out.get(k).floats(), changed.get(k).floats())), "both inputs feed the outputs");
    }
  }
}
