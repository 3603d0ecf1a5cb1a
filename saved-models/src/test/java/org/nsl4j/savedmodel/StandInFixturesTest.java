package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.testing.SharedFixtures;

/**
 * Fixtures whose layers main does not have yet, loaded with the test stand-ins of {@link
 * TestLayers}: checks the format side (config, graph, every weight used once) on real files.
 */
class StandInFixturesTest {

  private static FeatureArray uniform(long seed, float scale, long... shape) {
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

  @Test
  void keras311ResidualNetworkIsAGraphOfTwoAddBlocks() {
    Path file = Shared.keras("mnist_resnet_keras3_11.keras");
    try (ImportedModel imported = TestLayers.loader().importModel(file)) {
      Model model = imported.model();
      assertEquals(5 * 2 + 5 * 4 + 2, imported.weights().used());
      assertTrue(model.summaryText().contains("Connected to"), model.summaryText());
      double accuracy = Shared.accuracy(model.predict(Shared.digits(1000), 250),
          Shared.labels(1000));
      System.out.printf("mnist_resnet_keras3_11.keras accuracy on 1,000 digits: %.4f%n", accuracy);
      assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }
  }

  @Test
  void keras24ResNet8UsesAll78666LayerWeightsOnce() {
    Path file = Shared.keras("cifar10_resnet8_keras2_4.h5");
    try (ImportedModel imported = TestLayers.loader().importModel(file)) {
      assertEquals(ModelFormat.H5_KERAS2, imported.file().format());
      assertEquals(78_666, imported.model().countParams());
      assertEquals(9 * 2 + 7 * 4 + 2, imported.weights().used());
      assertTrue(imported.weights().skipped().containsKey("optimizer_weights"));
      FeatureArray p = imported.model().predict(uniform(1, 255f, 8, 32, 32, 3));
      for (int i = 0; i < 8; i++) {
        double sum = 0;
        for (int j = 0; j < 10; j++) {
          sum += p.floats()[i * 10 + j];
        }
        assertEquals(1.0, sum, 1e-4);
      }
    }
  }

  @Test
  void keras34LegacyH5EmbeddingModel() {
    Path file = Shared.keras("imdb_embedding_gap1d_keras3_4.h5");
    try (ImportedModel imported = TestLayers.loader().importModel(file)) {
      assertEquals(ModelFormat.H5_KERAS3, imported.file().format());
      assertEquals("3.4.1", imported.file().kerasVersion());
      assertEquals(5, imported.weights().used());
      assertEquals(10_000 * 16 + 16 * 24 + 24 + 24 + 1, imported.model().countParams());
      FeatureArray ids = uniform(2, 9_999f, 4, 200);
      float[] p = imported.model().predict(ids).floats();
      for (float v : p) {
        assertTrue(v > 0 && v < 1, "sigmoid output " + v);
      }
    }
  }

  @Test
  void keras310NormalizationRegressorTakesItsAdaptedStatistics() {
    Path file = Shared.keras("autompg_normalization_keras3_10.keras");
    try (ImportedModel imported = TestLayers.loader().importModel(file)) {
      assertEquals(3 + 3 * 2, imported.weights().used());
      assertEquals(Map.of("optimizer", 14), imported.weights().skipped());
      FeatureArray mean = imported.model().getLayer("normalization").getWeights().get(0);
      assertEquals(9, mean.floats().length);
      assertTrue(mean.floats()[0] > 1, "the adapted mean of the first feature");
    }
  }

  @Test
  void autoKerasCustomLayersNeedFactories() {
    Path file = Shared.keras("mnist_autokeras_custom_layers_keras3_3.keras");
    SavedModelException e = assertThrows(SavedModelException.class,
        () -> KerasModelLoader.load(file));
    assertTrue(e.getMessage().contains("CastToFloat32")
        && e.getMessage().contains("autokeras.keras_layers")
        && e.getMessage().contains("customLayer(\"CastToFloat32\""), e.getMessage());
    try (ImportedModel imported = TestLayers.loader().importModel(file)) {
      assertEquals(3 + 2 * 2 + 2, imported.weights().used());
      FeatureArray digits = Shared.digits(1000);
      FeatureArray raw = FeatureArray.ofFloats(digits.floats(), 1000, 28, 28);
      double accuracy = Shared.accuracy(imported.model().predict(raw, 250), Shared.labels(1000));
      System.out.printf("AutoKeras model accuracy on 1,000 digits (x/255): %.4f%n", accuracy);
      assertTrue(accuracy > 0.97, "accuracy " + accuracy);
    }
  }

  @Test
  void tf24KeywordSpottingDsCnnMatchesItsSignature() {
    Path dir = SharedFixtures.savedModel("kws_dscnn_tf2_4");
    try (ImportedModel imported = TestLayers.withRectangularPooling().importModel(dir);
        LoadedModel served = LoadedModel.load(dir)) {
      FeatureArray x = uniform(3, 1f, 16, 49, 10, 1);
      double diff = Shared.maxAbsDiff(served.predict(x, 16), imported.model().predict(x));
      System.out.printf("kws_dscnn_tf2_4 rebuilt vs serving: max |diff| = %.2e%n", diff);
      assertTrue(diff <= 1e-5, "max abs diff " + diff);
    }
  }
}
