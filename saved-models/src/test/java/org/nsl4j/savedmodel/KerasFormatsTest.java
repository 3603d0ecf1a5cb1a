package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.models.Model;

/**
 * Weight layouts of each format, on small files written here: Keras 3 archives with nested
 * models, tf.keras 2.13 and 2.15 archives, legacy HDF5 with a nested model and split attributes.
 */
class KerasFormatsTest {

  @TempDir Path dir;

  static final KerasModelLoader LOADER = KerasModelLoader.builder()
      .registry(KerasGraphTest.REGISTRY).build();

  static String kt(String layer, int node) {
    return KerasGraphTest.kt(layer, node);
  }

  static String call(String args) {
    return "[" + KerasGraphTest.call3(args) + "]";
  }

  static String input3(String name) {
    return "{'class_name': 'InputLayer', 'name': '" + name + "', 'config': {'name': '" + name
        + "', 'batch_shape': [null, 2]}, 'inbound_nodes': []}";
  }

  /** Keras 3: x → inner(x) → do; seq(x); sum = do + seq; outputs sum and inner's output. */
  static String keras3Nested() {
    String inner = "{'class_name': 'Functional', 'name': 'inner', 'config': {'name': 'inner',"
        + " 'layers': [" + input3("in_i") + ", " + KerasGraphTest.dense("di", call(kt("in_i", 0)))
        + "], 'input_layers': [['in_i', 0, 0]], 'output_layers': [['di', 0, 0]]},"
        + " 'inbound_nodes': " + call(kt("x", 0)) + "}";
    String seq = "{'class_name': 'Sequential', 'name': 'seq', 'config': {'name': 'seq',"
        + " 'layers': [{'class_name': 'InputLayer', 'config': {'name': 'in_s', 'batch_shape':"
        + " [null, 2]}}, {'class_name': 'Dense', 'config': {'name': 'ds', 'units': 2,"
        + " 'use_bias': false}}]}, 'inbound_nodes': " + call(kt("x", 0)) + "}";
    return KerasGraphTest.functional("outer", input3("x") + ", " + inner + ", "
        + KerasGraphTest.dense("do", call(kt("inner", 0))) + ", " + seq + ", "
        + KerasGraphTest.layer("Add", "sum", "", call("[" + kt("do", 0) + ", " + kt("seq", 0)
            + "]")), "[['x', 0, 0]]", "[['sum', 0, 0], ['inner', 1, 0]]").replace('\'', '"');
  }

  static float[][] matrix(float a, float b, float c, float d) {
    return new float[][] {{a, b}, {c, d}};
  }

  Path keras3NestedWeights(String name, boolean extra) {
    return KerasFiles.h5(dir.resolve(name), h5 -> {
      KerasFiles.group(h5, "layers/input_layer/vars");
      KerasFiles.put(h5, "layers/functional/layers/dense/vars/0", matrix(1, 0, 0, 2));
      KerasFiles.group(h5, "layers/functional/layers/input_layer/vars");
      KerasFiles.put(h5, "layers/dense/vars/0", matrix(1, 1, 0, 0));
      KerasFiles.put(h5, "layers/sequential/layers/dense/vars/0", matrix(0, 1, 1, 0));
      KerasFiles.group(h5, "layers/add/vars");
      KerasFiles.put(h5, "optimizer/vars/0", new float[] {3});
      KerasFiles.put(h5, "optimizer/vars/1", matrix(1, 1, 1, 1));
      if (extra) {
        KerasFiles.put(h5, "layers/dense/vars/1", new float[] {0, 0});
      }
    });
  }

  static void checkNested(Model model) {
    List<FeatureArray> out = model.predictAll(Dataset.fromTensorSlices(Features.of("x",
        FeatureArray.ofFloats(new float[] {1, 2}, 1, 2))).batch(1));
    assertArrayEquals(new float[] {3, 2}, out.get(0).floats(), 1e-6f);
    assertArrayEquals(new float[] {1, 4}, out.get(1).floats(), 1e-6f);
  }

  @Test
  void keras3ArchiveWithNestedModels() {
    Path file = KerasFiles.archive(dir.resolve("nested.keras"), keras3Nested(), "3.5.0",
        keras3NestedWeights("w.h5", false));
    try (ImportedModel imported = LOADER.importModel(file)) {
      assertEquals(ModelFormat.KERAS_ARCHIVE, imported.file().format());
      assertEquals(3, imported.weights().used());
      assertEquals(Map.of("optimizer", 2), imported.weights().skipped());
      checkNested(imported.model());
    }
  }

  static String sequential(boolean bias) {
    return ("{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
        + "{'class_name': 'Dense', 'config': {'name': 'd1', 'units': 2, 'use_bias': false,"
        + " 'batch_input_shape': [null, 2]}}, {'class_name': 'Dense', 'config': {'name': 'd2',"
        + " 'units': 2, 'use_bias': " + bias + "}}]}}").replace('\'', '"');
  }

  @Test
  void tfKeras213And215ArchivesUseTheirOwnLayouts() {
    Path w213 = KerasFiles.h5(dir.resolve("213.h5"), h5 -> {
      KerasFiles.put(h5, "_layer_checkpoint_dependencies/dense/vars/0", matrix(0, 1, 1, 0));
      KerasFiles.put(h5, "_layer_checkpoint_dependencies/dense_2/vars/0", matrix(2, 0, 0, 3));
    });
    Path w215 = KerasFiles.h5(dir.resolve("215.h5"), h5 -> {
      KerasFiles.put(h5, "layers/dense/vars/0", matrix(0, 1, 1, 0));
      KerasFiles.put(h5, "layers/dense_1/vars/0", matrix(2, 0, 0, 3));
    });
    for (Path weights : List.of(w213, w215)) {
      Path file = KerasFiles.archive(dir.resolve(weights.getFileName() + ".keras"),
          sequential(false), weights == w213 ? "2.13.1" : "2.15.0", weights);
      try (ImportedModel imported = LOADER.importModel(file)) {
        assertEquals(ModelFormat.TF_KERAS_ARCHIVE, imported.file().format());
        float[] y = imported.model().predict(FeatureArray.ofFloats(new float[] {1, 2}, 1, 2))
            .floats();
        assertArrayEquals(new float[] {4, 3}, y, 1e-6f, weights.toString());
      }
    }
  }

  /** Keras 2: x → Sequential block [Dense bd, BatchNormalization bn] → output. */
  static String keras2NestedBlock() {
    String block = "{'class_name': 'Sequential', 'name': 'block', 'config': {'name': 'block',"
        + " 'layers': [{'class_name': 'Dense', 'config': {'name': 'bd', 'units': 2,"
        + " 'batch_input_shape': [null, 2]}}, {'class_name': 'BatchNormalization', 'config':"
        + " {'name': 'bn', 'epsilon': 1e-6}}]}, 'inbound_nodes': [[['x', 0, 0, {}]]]}";
    return KerasGraphTest.functional("m", KerasGraphTest.input("x", 2) + ", " + block,
        "[['x', 0, 0]]", "[['block', 1, 0]]").replace('\'', '"');
  }

  @Test
  void legacyH5NestedModelListsTrainableWeightsFirst() {
    String[] names = {"bd/kernel:0", "bd/bias:0", "bn/gamma:0", "bn/beta:0", "bn/moving_mean:0",
        "bn/moving_variance:0"};
    Path file = KerasFiles.h5(dir.resolve("block.h5"), h5 -> {
      h5.putAttribute("model_config", keras2NestedBlock());
      h5.putAttribute("keras_version", "2.15.0");
      var weights = KerasFiles.group(h5, "model_weights");
      weights.putAttribute("layer_names0", new String[] {"x"});
      weights.putAttribute("layer_names1", new String[] {"block"});
      KerasFiles.group(h5, "model_weights/x");
      var block = KerasFiles.group(h5, "model_weights/block");
      block.putAttribute("weight_names", names);
      KerasFiles.put(h5, "model_weights/block/bd/kernel:0", matrix(1, 0, 0, 1));
      KerasFiles.put(h5, "model_weights/block/bd/bias:0", new float[] {1, 2});
      KerasFiles.put(h5, "model_weights/block/bn/gamma:0", new float[] {3, 4});
      KerasFiles.put(h5, "model_weights/block/bn/beta:0", new float[] {5, 6});
      KerasFiles.put(h5, "model_weights/block/bn/moving_mean:0", new float[] {7, 8});
      KerasFiles.put(h5, "model_weights/block/bn/moving_variance:0", new float[] {1, 1});
      KerasFiles.put(h5, "optimizer_weights/Adam/iter:0", new float[] {1});
    });
    try (ImportedModel imported = LOADER.importModel(file)) {
      assertEquals(ModelFormat.H5_KERAS2, imported.file().format());
      assertEquals(6, imported.weights().used());
      assertEquals(Map.of("optimizer_weights", 1), imported.weights().skipped());
      float[] y = imported.model().predict(FeatureArray.ofFloats(new float[] {0, 0}, 1, 2))
          .floats();
      // bd: [1, 2]; bn: (x - [7, 8]) * [3, 4] + [5, 6]
      assertArrayEquals(new float[] {-13, -18}, y, 1e-4f);
    }
  }
}
