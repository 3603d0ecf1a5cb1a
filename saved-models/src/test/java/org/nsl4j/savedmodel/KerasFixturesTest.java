package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.testing.SharedFixtures;

/** The real {@code .keras} and {@code .h5} files of {@code ../shared/fixtures/keras}. */
class KerasFixturesTest {

  private static double accuracy(Model model, int n) {
    FeatureArray scores = model.predict(Shared.digits(n), 500);
    return Shared.accuracy(scores, Shared.labels(n));
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
      assertEquals(imported.weights().skipped().keySet(), java.util.Set.of("optimizer"));
      double accuracy = accuracy(imported.model(), 2000);
      System.out.printf("mnist_cnn_bn_keras3_10.keras accuracy on 2,000 test digits: %.4f%n",
          accuracy);
      assertTrue(accuracy > 0.98, "accuracy " + accuracy);
    }
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
      Map<String, FeatureArray> in = new java.util.TreeMap<>();
      long seed = 7;
      for (TensorSpec spec : s.inputs().values()) {
        int width = (int) spec.shape().get(1);
        float[] x = new float[4 * width];
        java.util.Random random = new java.util.Random(seed++);
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) random.nextGaussian();
        }
        in.put(spec.key(), FeatureArray.ofFloats(x, 4, width));
      }
      assertEquals(java.util.List.of(5L, 6L), s.inputs().values().stream()
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
    }
  }
}
