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
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.nsl4j.keras.testing.SharedFixtures;

/** Every fixture SavedModel loads, describes its signatures and runs. */
class LoadedModelTest {

  private static FeatureArray column(float... values) {
    return FeatureArray.ofFloats(values, values.length, 1);
  }

  private static FeatureArray scalar(float value) {
    return FeatureArray.ofFloats(new float[] {value});
  }

  @Test
  void halfPlusTwoTf1() {
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("half_plus_two_tf1_14"))) {
      assertEquals(List.of("classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y",
          "regress_x_to_y2", "serving_default"), List.copyOf(m.signatures().keySet()));
      SignatureInfo serving = m.defaultSignature();
      assertEquals("tensorflow/serving/predict", serving.methodName());
      assertEquals("x:0", serving.input("x").tensorName());
      assertEquals("float32[-1,1]", serving.input("x").describe());
      assertEquals("y:0", serving.output("y").tensorName());
      assertEquals(DataType.DT_STRING, m.signature("classify_x_to_y").input("inputs").dtype());
      assertArrayEquals(new float[] {2f, 2.5f, 4f}, m.predict(column(0, 1, 4)).floats());
      FeatureArray y3 = m.call("regress_x2_to_y3", Map.of("inputs", column(0, 2))).get("outputs");
      assertArrayEquals(new float[] {3f, 4f}, y3.floats());
    }
  }

  @Test
  void mnistSoftmaxTf1PredictImages() {
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("mnist_softmax_tf1_11"))) {
      SignatureInfo s = m.signature("predict_images");
      assertEquals("float32[-1,784]", s.input("images").describe());
      FeatureArray x = Shared.digits(1000).reshape(1000, 784);
      FeatureArray scores = m.call("predict_images", Map.of("images", x), 300).get("scores");
      assertArrayEquals(new long[] {1000, 10}, scores.shape());
      assertTrue(Shared.accuracy(scores, Shared.labels(1000)) > 0.88);
    }
  }

  @Test
  void tfModuleSignaturesWithScalars() {
    try (LoadedModel m =
        LoadedModel.load(SharedFixtures.savedModel("tfjava_saved_model_using_python_tf2_4"))) {
      assertEquals(List.of("add", "get_const_matrix", "get_const_scalar", "get_const_vector",
          "get_variable"), List.copyOf(m.signatures().keySet()));
      assertTrue(m.signature("add").input("a").shape().isUnknown());
      FeatureArray sum = m.call("add", Map.of("a", scalar(2f), "b", scalar(3.5f))).get("output_0");
      assertArrayEquals(new float[] {5.5f}, sum.floats());
      FeatureArray v = m.call("get_variable", Map.of("dummy", scalar(0f))).get("output_0");
      assertArrayEquals(new float[] {2f}, v.floats());
      assertArrayEquals(new float[] {2f}, m.readVariables(List.of("Variable")).get("Variable").floats());
    }
  }

  @Test
  void kerasCnnTf20LogitsInBatches() {
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("mnist_cnn_tf2_0_logits"))) {
      SignatureInfo s = m.defaultSignature();
      assertEquals("serving_default_conv2d_4_input:0", s.input("conv2d_4_input").tensorName());
      assertEquals("float32[-1,10]", s.output("dense_3").describe());
      FeatureArray x = Shared.digits(1000);
      FeatureArray batched = m.predict(x, 128);
      assertTrue(Shared.accuracy(batched, Shared.labels(1000)) > 0.98);
      assertTrue(Shared.maxAbsDiff(batched, m.predict(x)) <= 1e-5);
    }
  }

  @Test
  void kerasCnnTf211Softmax() {
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("mnist_cnn_tf2_11"))) {
      FeatureArray p = m.call("serving_default", Map.of("conv2d_input", Shared.digits(500)), 200)
          .get("dense_1");
      assertArrayEquals(new long[] {500, 10}, p.shape());
      assertTrue(Shared.accuracy(p, Shared.labels(500)) > 0.98);
      float rowSum = 0;
      for (int j = 0; j < 10; j++) {
        rowSum += p.floats()[j];
      }
      assertEquals(1f, rowSum, 1e-5f);
    }
  }

  @Test
  void keras3ExportHasTwoSignatures() {
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("mnist_cnn_tf2_19_keras3"))) {
      assertEquals(List.of("serve", "serving_default"), List.copyOf(m.signatures().keySet()));
      assertEquals("StatefulPartitionedCall_1:0",
          m.defaultSignature().output("output_0").tensorName());
      FeatureArray x = Shared.digits(300);
      FeatureArray p = m.predict(x, 100);
      assertTrue(Shared.accuracy(p, Shared.labels(300)) > 0.95);
      FeatureArray serve = m.call("serve", Map.of("keras_tensor", x)).get("output_0");
      assertTrue(Shared.maxAbsDiff(p, serve) <= 1e-6);
    }
  }

  @Test
  void irisClassifiesTheTextbookFlowers() {
    float[] mean = {5.8433f, 3.0573f, 3.7580f, 1.1993f};
    float[] std = {0.8253f, 0.4344f, 1.7594f, 0.7597f};
    float[][] flowers = {{5.1f, 3.5f, 1.4f, 0.2f}, {7.0f, 3.2f, 4.7f, 1.4f},
        {6.3f, 3.3f, 6.0f, 2.5f}};
    float[] x = new float[12];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (flowers[i][j] - mean[j]) / std[j];
      }
    }
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("iris_dense_tf2_13"))) {
      assertEquals("float32[-1,4]", m.defaultSignature().input("dense_4_input").describe());
      FeatureArray p = m.predict(FeatureArray.ofFloats(x, 3, 4));
      assertArrayEquals(new int[] {0, 1, 2}, Shared.argmax(p));
    }
  }

  @Test
  void brokenKeras3ModelExplainsTheMissingVariables() {
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("broken_keras3_mlp_tf2_16"))) {
      SavedModelException e = assertThrows(SavedModelException.class,
          () -> m.predict(FeatureArray.ofFloats(new float[784], 1, 28, 28, 1)));
      String message = e.getMessage();
      assertTrue(message.startsWith("signature 'serving_default' of "), message);
      assertTrue(message.contains("variables missing from the checkpoint"), message);
      for (String v : List.of("sequential/dense/kernel", "sequential/dense/bias",
          "sequential/dense_1/kernel", "sequential/dense_1/bias")) {
        assertTrue(message.contains(v), message);
      }
      assertTrue(message.contains("Keras 3") && message.contains("model.export(dir)"), message);
      assertTrue(!message.contains("\n"), message);
    }
  }

  /** Every signature of the real fixtures passes the run check; the broken model fails it. */
  @Test
  void theRunCheckRejectsOnlyTheModelWhoseSignaturesFail() {
    for (String name : List.of("half_plus_two_tf1_14", "housing_wide_deep_2in_2out_tf2_11",
        "iris_dense_tf2_13", "kws_dscnn_tf2_4", "mnist_cnn_tf2_0_logits", "mnist_cnn_tf2_11",
        "mnist_cnn_tf2_19_keras3", "mnist_softmax_tf1_11",
        "tfjava_saved_model_using_python_tf2_4")) {
      try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel(name))) {
        m.signatures().keySet().forEach(m::requireRuns);
      }
    }
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("broken_keras3_mlp_tf2_16"))) {
      String message = assertThrows(SavedModelException.class,
          () -> m.requireRuns("serving_default")).getMessage();
      assertTrue(message.contains("failed") && message.contains("sequential/dense/kernel")
          && message.contains("model.export(dir)"), message);
      assertTrue(!message.contains("signatures run"), message);
    }
  }

  @Test
  void tensorsAreCheckedAgainstTheSignature() {
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("mnist_cnn_tf2_11"))) {
      SavedModelException shape = assertThrows(SavedModelException.class,
          () -> m.predict(FeatureArray.ofFloats(new float[2 * 784], 2, 28, 28)));
      assertEquals("signature 'serving_default' input 'conv2d_input': expected"
          + " float32[-1,28,28,1], got float32[2,28,28]", shape.getMessage());
      SavedModelException dtype = assertThrows(SavedModelException.class,
          () -> m.predict(FeatureArray.ofLongs(new long[784], 1, 28, 28, 1)));
      assertEquals("signature 'serving_default' input 'conv2d_input': expected"
          + " float32[-1,28,28,1], got int64[1,28,28,1]", dtype.getMessage());
      FeatureArray digit = Shared.digits(1);
      SavedModelException key = assertThrows(SavedModelException.class,
          () -> m.call("serving_default", Map.of("image", digit)));
      assertEquals("signature 'serving_default' takes inputs [conv2d_input]; missing"
          + " [conv2d_input]; unknown [image]", key.getMessage());
      SavedModelException signature = assertThrows(SavedModelException.class,
          () -> m.signature("predict"));
      assertTrue(signature.getMessage().contains("no signature 'predict'")
          && signature.getMessage().contains("[serving_default]"), signature.getMessage());
      try (TFloat32 wide = TFloat32.tensorOf(Shape.of(1, 28, 28, 3))) {
        SavedModelException t = assertThrows(SavedModelException.class,
            () -> m.callTensors("serving_default", Map.of("conv2d_input", wide)));
        assertTrue(t.getMessage().endsWith("got float32[1,28,28,3]"), t.getMessage());
      }
    }
  }

  @Test
  void callOnTensors() {
    try (LoadedModel m = LoadedModel.load(SharedFixtures.savedModel("half_plus_two_tf1_14"));
        TFloat32 x = TFloat32.tensorOf(Shape.of(2, 1), DataBuffers.of(new float[] {2f, 6f}));
        Result r = m.callTensors("serving_default", Map.<String, Tensor>of("x", x))) {
      TFloat32 y = (TFloat32) r.get("y").orElseThrow();
      assertEquals(3f, y.getFloat(0, 0));
      assertEquals(5f, y.getFloat(1, 0));
    }
  }

  @Test
  void unknownTagsListTheTagSets() {
    Path dir = SharedFixtures.savedModel("half_plus_two_tf1_14");
    SavedModelException e = assertThrows(SavedModelException.class,
        () -> LoadedModel.load(dir, "train"));
    assertTrue(e.getMessage().startsWith("no MetaGraph tagged [train] in "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(its tag sets: [[serve]])"), e.getMessage());
  }
}
