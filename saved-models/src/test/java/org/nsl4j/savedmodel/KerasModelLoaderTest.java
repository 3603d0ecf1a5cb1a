package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.testing.SharedFixtures;

/** Keras models saved by Python are rebuilt with this project's layers and trained weights. */
class KerasModelLoaderTest {

  private static final int DIGITS = 1000;

  /** Rebuilt model vs the SavedModel's own serving signature on real test digits. */
  private static double parity(Model rebuilt, Path savedModel) {
    FeatureArray x = Shared.digits(DIGITS);
    try (LoadedModel served = LoadedModel.load(savedModel)) {
      FeatureArray expected = served.predict(x, 250);
      FeatureArray actual = rebuilt.predict(x, 250);
      assertTrue(Shared.accuracy(actual, Shared.labels(DIGITS)) > 0.98);
      return Shared.maxAbsDiff(expected, actual);
    }
  }

  private static List<String> describe(Model model) {
    return model.layers().stream().map(l -> l.className() + " " + l.name()).toList();
  }

  @Test
  void tf20ConfigFromTheObjectGraph() {
    Path dir = SharedFixtures.savedModel("mnist_cnn_tf2_0_logits");
    try (Model model = KerasModelLoader.fromSavedModel(dir)) {
      assertEquals("conv2d_4_input", model.inputLayer().name());
      assertEquals(List.of("Conv2D conv2d_4", "MaxPooling2D max_pooling2d_2", "Conv2D conv2d_5",
          "MaxPooling2D max_pooling2d_3", "Conv2D conv2d_6", "Flatten flatten_1",
          "Dense dense_2", "Dense dense_3"), describe(model));
      double diff = parity(model, dir);
      System.out.printf("mnist_cnn_tf2_0_logits rebuilt vs serving: max |diff| = %.2e%n", diff);
      assertTrue(diff <= 1e-5, "max abs diff " + diff);
    }
  }

  @Test
  void tf211ConfigFromKerasMetadata() {
    Path dir = SharedFixtures.savedModel("mnist_cnn_tf2_11");
    try (Model model = KerasModelLoader.load(dir)) {
      assertEquals("conv2d_input", model.inputLayer().name());
      assertEquals(List.of("Conv2D conv2d", "MaxPooling2D max_pooling2d", "Conv2D conv2d_1",
          "MaxPooling2D max_pooling2d_1", "Flatten flatten", "Dense dense", "Dropout dropout",
          "Dense dense_1"), describe(model));
      Layer out = model.getLayer("dense_1");
      assertEquals("softmax", ((org.nsl4j.keras.layers.Dense) out).activation());
      double diff = parity(model, dir);
      System.out.printf("mnist_cnn_tf2_11 rebuilt vs serving: max |diff| = %.2e%n", diff);
      assertTrue(diff <= 1e-5, "max abs diff " + diff);
    }
  }

  @Test
  void h5MatchesTheSameModelsSavedModel() {
    try (Model model = KerasModelLoader.load(SharedFixtures.h5())) {
      assertEquals("conv2d_4_input", model.inputLayer().name());
      assertEquals(8, model.layers().size());
      double diff = parity(model, SharedFixtures.savedModel("mnist_cnn_tf2_0_logits"));
      System.out.printf("h5 rebuilt vs mnist_cnn_tf2_0_logits serving: max |diff| = %.2e%n",
          diff);
      assertTrue(diff <= 1e-5, "max abs diff " + diff);
    }
  }

  @Test
  void irisWithoutKerasMetadataIsTracedFromItsFunctions() {
    Path dir = SharedFixtures.savedModel("iris_dense_tf2_13");
    float[] mean = {5.8433f, 3.0573f, 3.7580f, 1.1993f};
    float[] std = {0.8253f, 0.4344f, 1.7594f, 0.7597f};
    float[][] flowers = {{5.1f, 3.5f, 1.4f, 0.2f}, {4.9f, 3.0f, 1.4f, 0.2f},
        {7.0f, 3.2f, 4.7f, 1.4f}, {5.7f, 2.8f, 4.1f, 1.3f}, {6.3f, 3.3f, 6.0f, 2.5f},
        {7.7f, 3.8f, 6.7f, 2.2f}};
    float[] x = new float[flowers.length * 4];
    for (int i = 0; i < flowers.length; i++) {
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (flowers[i][j] - mean[j]) / std[j];
      }
    }
    FeatureArray rows = FeatureArray.ofFloats(x, flowers.length, 4);
    try (Model model = KerasModelLoader.load(dir); LoadedModel served = LoadedModel.load(dir)) {
      assertEquals("dense_4_input", model.inputLayer().name());
      assertEquals(List.of("Dense dense_4", "BatchNormalization batch_normalization_2",
          "Dropout dropout_2", "Dense dense_5", "BatchNormalization batch_normalization_3",
          "Dropout dropout_3", "Dense dense_6", "Dense dense_7"), describe(model));
      assertEquals(0.3f, ((org.nsl4j.keras.layers.Dropout) model.getLayer("dropout_2")).rate());
      assertEquals("softmax",
          ((org.nsl4j.keras.layers.Dense) model.getLayer("dense_7")).activation());
      FeatureArray actual = model.predict(rows);
      assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, Shared.argmax(actual));
      double diff = Shared.maxAbsDiff(served.predict(rows), actual);
      System.out.printf("iris_dense_tf2_13 rebuilt vs serving: max |diff| = %.2e%n", diff);
      assertTrue(diff <= 1e-5, "max abs diff " + diff);
    }
  }

  @Test
  void modelsWithoutKerasConfigAreInferenceOnly() {
    Path keras3Dir = SharedFixtures.savedModel("mnist_cnn_tf2_19_keras3");
    Path moduleDir = SharedFixtures.savedModel("tfjava_saved_model_using_python_tf2_4");
    Path tf1Dir = SharedFixtures.savedModel("half_plus_two_tf1_14");
    InferenceOnlyException keras3 = assertThrows(InferenceOnlyException.class,
        () -> KerasModelLoader.load(keras3Dir));
    assertTrue(keras3.getMessage().contains("holds no Keras model config")
        && keras3.getMessage().contains("Keras 3")
        && keras3.getMessage().contains("LoadedModel"), keras3.getMessage());
    InferenceOnlyException module = assertThrows(InferenceOnlyException.class,
        () -> KerasModelLoader.load(moduleDir));
    assertTrue(module.getMessage().contains("'MyModel'")
        && module.getMessage().contains("subclassed"), module.getMessage());
    InferenceOnlyException tf1 = assertThrows(InferenceOnlyException.class,
        () -> KerasModelLoader.load(tf1Dir));
    assertTrue(tf1.getMessage().contains("holds no Keras model config"), tf1.getMessage());
  }
}
