package org.nsl4j.savedmodel.custom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Idx;
import org.nsl4j.keras.datasets.Pixels;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.savedmodel.ImportedModel;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.UnknownLayerException;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The AutoKeras MNIST model of {@code ../shared}, whose custom layers {@code CastToFloat32} and
 * {@code ExpandLastDim} (module {@code autokeras.keras_layers}) are rebuilt by factories a user
 * writes against the public API only: this test lives outside the loader's package.
 */
class AutoKerasCustomLayersTest {

  /** AutoKeras's cast of its input to float32: model inputs are float32 here already. */
  static final class CastToFloat32 extends Layer {
    CastToFloat32(String name) {
      super(name);
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, boolean training) {
      return tf.identity(x);
    }
  }

  /** AutoKeras's {@code tf.expand_dims(x, -1)}: [N, 28, 28] images get a channel axis. */
  static final class ExpandLastDim extends Layer {
    ExpandLastDim(String name) {
      super(name);
    }

    @Override
    protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, boolean training) {
      return tf.expandDims(x, tf.constant(-1));
    }
  }

  private static Path file() {
    return SharedFixtures.keras("mnist_autokeras_custom_layers_keras3_3.keras");
  }

  @Test
  void withoutFactoriesTheErrorNamesTheCustomLayerAndHowToRegisterIt() {
    Path file = file();
    UnknownLayerException e = assertThrows(UnknownLayerException.class,
        () -> KerasModelLoader.load(file));
    assertEquals("CastToFloat32", e.className());
    assertTrue(e.custom());
    assertTrue(e.getMessage().contains(file + " (config.json): layer 'cast_to_float32' has class"
        + " CastToFloat32 (module autokeras.keras_layers, registered as"
        + " 'Custom>CastToFloat32')"), e.getMessage());
    assertTrue(e.getMessage().contains("customLayer(\"CastToFloat32\""), e.getMessage());
    UnknownLayerException next = assertThrows(UnknownLayerException.class,
        () -> KerasModelLoader.builder().customLayer("CastToFloat32",
            c -> new CastToFloat32(c.name())).build().loadModel(file));
    assertEquals("ExpandLastDim", next.className(), "the second custom layer is named next");
  }

  @Test
  void withRegisteredFactoriesItClassifiesTheRealTestDigits() throws IOException {
    Path file = file();
    KerasModelLoader loader = KerasModelLoader.builder()
        .customLayer("CastToFloat32", c -> new CastToFloat32(c.name()))
        .customLayer("ExpandLastDim", c -> new ExpandLastDim(c.name()))
        .build();
    try (ImportedModel imported = loader.importModel(file)) {
      Model model = imported.model();
      assertEquals(List.of("cast_to_float32", "expand_last_dim", "normalization"),
          model.layers().subList(0, 3).stream().map(Layer::name).toList());
      assertTrue(model.summaryText().contains("expand_last_dim (ExpandLastDim)"),
          model.summaryText());
      assertArrayEquals(new long[] {28, 28}, model.inputLayer().shape());
      assertEquals(3 + 2 * 2 + 2, imported.weights().used(), "normalization, 2 conv, dense");
      assertEquals(Map.of("optimizer", imported.weights().skipped().get("optimizer")),
          imported.weights().skipped());
      // AutoKeras adapted its Normalization to x / 255: the MNIST pixel mean 0.1307
      assertEquals(0.1307, model.getLayer("normalization").getWeights().get(0).floats()[0],
          1e-4);
      Path mnist = SharedFixtures.mnistTest();
      FeatureArray images = Pixels.toUnitRange(
          Idx.readImages(mnist.resolve("t10k-images-idx3-ubyte.gz")));
      long[] labels = Idx.readLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz")).longs();
      FeatureArray scores = model.predict(images.reshape(labels.length, 28, 28), 500);
      int right = 0;
      for (int i = 0; i < labels.length; i++) {
        right += argmax(scores.floats(), i * 10) == labels[i] ? 1 : 0;
        float sum = 0;
        for (int j = 0; j < 10; j++) {
          sum += scores.floats()[i * 10 + j];
        }
        assertEquals(1f, sum, 1e-4f, "a softmax row");
      }
      double accuracy = right / (double) labels.length;
      System.out.printf("AutoKeras model accuracy on 10,000 test digits (x/255): %.4f%n",
          accuracy);
      assertTrue(accuracy > 0.98, "accuracy " + accuracy);
    }
  }

  private static int argmax(float[] x, int offset) {
    int best = 0;
    for (int j = 1; j < 10; j++) {
      best = x[offset + j] > x[offset + best] ? j : best;
    }
    return best;
  }
}
