package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.optimizers.SGD;
import org.nsl4j.keras.testing.SharedFixtures;

/** Real Python models that need the newer layers (DepthwiseConv2D, Embedding, pooling). */
class LayerFixturesTest {

  @Test
  void dsCnnWithDepthwiseConvolutionsMatchesItsServingSignature() {
    Path dir = SharedFixtures.savedModel("kws_dscnn_tf2_4");
    try (Model model = KerasModelLoader.load(dir); LoadedModel served = LoadedModel.load(dir)) {
      assertEquals(4, model.layers().stream()
          .filter(l -> l.className().equals("DepthwiseConv2D")).count());
      Random random = new Random(1);
      float[] x = new float[16 * 49 * 10];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextGaussian() * 10);
      }
      FeatureArray in = FeatureArray.ofFloats(x, 16, 49, 10, 1);
      double diff = Shared.maxAbsDiff(served.predict(in, 16), model.predict(in, 16));
      System.out.printf("kws_dscnn_tf2_4 rebuilt vs serving: max |diff| = %.2e%n", diff);
      assertTrue(diff <= 1e-5, "max abs diff " + diff);
      assertRoundTrips(model);
    }
  }

  @Test
  void imdbEmbeddingModelLoadsAndTrains() {
    Path file = SharedFixtures.keras("imdb_embedding_gap1d_keras3_4.h5");
    try (Model model = KerasModelLoader.load(file)) {
      assertTrue(model.summaryText().contains("Total params: 160,433"), model.summaryText());
      Random random = new Random(2);
      float[] ids = new float[32 * 200];
      float[] labels = new float[32];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = random.nextInt(10_000);
      }
      FeatureArray x = FeatureArray.ofFloats(ids, 32, 200);
      float[] p = model.predict(x, 32).floats();
      for (float v : p) {
        assertTrue(v > 0 && v < 1, "sigmoid output " + v);
      }
      float[] table = model.getLayer("embedding").getWeights().get(0).floats();
      for (int r = 0; r < 3; r++) {
        float[] h = new float[16];
        for (int t = 0; t < 200; t++) {
          int id = (int) ids[r * 200 + t];
          for (int k = 0; k < 16; k++) {
            h[k] += table[id * 16 + k] / 200;
          }
        }
        h = HandDense.apply(model.getLayer("dense_1"), HandDense.apply(model.getLayer("dense"), h));
        assertEquals(h[0], p[r], 1e-5, "review " + r + ": embedding mean, dense, dense_1 by hand");
      }
      model.compile(new SGD(0.5f), Losses.meanSquaredError());
      float[] before = model.getLayer("embedding").getWeights().get(0).floats().clone();
      model.fit(x, FeatureArray.ofFloats(labels, 32, 1), 32, 1);
      float[] after = model.getLayer("embedding").getWeights().get(0).floats();
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (float id : ids) {
        seen.add((int) id);
      }
      int trained = 0;
      for (int row = 0; row < 10_000; row++) {
        boolean changed = after[row * 16] != before[row * 16];
        assertTrue(!changed || seen.contains(row), "row " + row + " of an unseen id changed");
        trained += changed ? 1 : 0;
      }
      assertTrue(trained > seen.size() / 2, trained + " of " + seen.size() + " seen ids trained");
      assertRoundTrips(model);
    }
  }

  /** Every rebuilt layer's getConfig rebuilds an equal layer. */
  private static void assertRoundTrips(Model model) {
    for (Layer layer : model.layers()) {
      LayerConfig config = LayerConfig.of(new com.fasterxml.jackson.databind.ObjectMapper()
          .valueToTree(java.util.Map.of("class_name", layer.className(),
              "config", layer.getConfig())));
      assertEquals(layer.getConfig(), LayerRegistry.builtIn().create(config).getConfig(),
          layer.name());
    }
  }
}
