package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.layers.BatchNormalization;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;

/** Keras model configs, Keras 2 and Keras 3 style, become Keras-like models (no fixtures). */
class KerasArchitectureTest {

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text.replace('\'', '"'));
  }

  private static Model build(JsonNode config) {
    return KerasArchitecture.of(config, "test").build(LayerRegistry.builtIn()).model();
  }

  private static String layer(String className, String name, String config, String inbound) {
    return "{'class_name': '" + className + "', 'name': '" + name + "', 'config': {'name': '"
        + name + "'" + config + "}, 'inbound_nodes': " + inbound + "}";
  }

  private static String keras2Inbound(String from) {
    return "[[['" + from + "', 0, 0, {}]]]";
  }

  @Test
  void keras2FunctionalChain() throws Exception {
    String config = "{'class_name': 'Functional', 'config': {'name': 'cnn', 'layers': ["
        + layer("InputLayer", "image", ", 'batch_input_shape': [null, 8, 8, 1]", "[]") + ", "
        + layer("Conv2D", "c", ", 'filters': 3, 'kernel_size': [3, 3], 'strides': [1, 1],"
            + " 'padding': 'same', 'activation': 'relu', 'use_bias': false,"
            + " 'dilation_rate': [1, 1], 'data_format': 'channels_last'", keras2Inbound("image"))
        + ", " + layer("MaxPooling2D", "p", ", 'pool_size': [2, 2], 'strides': null,"
            + " 'padding': 'valid'", keras2Inbound("c"))
        + ", " + layer("BatchNormalization", "bn", ", 'axis': [3], 'epsilon': 0.01,"
            + " 'momentum': 0.9, 'center': false", keras2Inbound("p"))
        + ", " + layer("Flatten", "f", "", keras2Inbound("bn"))
        + ", " + layer("Dense", "out", ", 'units': 2, 'activation': 'softmax'",
            keras2Inbound("f"))
        + "], 'input_layers': [['image', 0, 0]], 'output_layers': [['out', 0, 0]]}}";
    try (Model model =
        KerasArchitecture.of(json(config), "test").build(LayerRegistry.builtIn()).model()) {
      assertEquals("cnn", model.name());
      assertEquals("image", model.inputLayer().name());
      assertEquals(List.of("c", "p", "bn", "f", "out"),
          model.layers().stream().map(l -> l.name()).toList());
      Conv2D c = (Conv2D) model.getLayer("c");
      assertEquals("same", c.padding());
      assertEquals(false, c.useBias());
      assertArrayEquals(new int[] {2, 2}, ((MaxPooling2D) model.getLayer("p")).strides());
      BatchNormalization bn = (BatchNormalization) model.getLayer("bn");
      assertEquals(0.01f, bn.epsilon());
      assertEquals(false, bn.center());
      assertEquals(3 * 3 * 3 + 3 * 3 + (4 * 4 * 3 * 2 + 2), model.countParams());
    }
  }

  @Test
  void keras3FunctionalChainAndSequentialWithInputLayer() throws Exception {
    String inbound = "[{'args': [{'class_name': '__keras_tensor__', 'config':"
        + " {'shape': [null, 4], 'keras_history': ['x', 0, 0]}}], 'kwargs': {}}]";
    String functional = "{'class_name': 'Functional', 'config': {'name': 'mlp', 'layers': ["
        + layer("InputLayer", "x", ", 'batch_shape': [null, 4]", "[]") + ", "
        + layer("Dense", "d", ", 'units': 3, 'activation': 'tanh'", inbound)
        + "], 'input_layers': ['x', 0, 0], 'output_layers': ['d', 0, 0]}}";
    try (Model model =
        KerasArchitecture.of(json(functional), "test").build(LayerRegistry.builtIn()).model()) {
      assertEquals(4 * 3 + 3, model.countParams());
    }
    String sequential = "{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
        + "{'class_name': 'InputLayer', 'config': {'name': 'in', 'batch_input_shape':"
        + " {'class_name': '__tuple__', 'items': [null, 5]}}},"
        + "{'class_name': 'Dropout', 'config': {'name': 'drop', 'rate': 0.5}},"
        + "{'class_name': 'Activation', 'config': {'name': 'act', 'activation': 'sigmoid'}}]}}";
    try (Model model =
        KerasArchitecture.of(json(sequential), "test").build(LayerRegistry.builtIn()).model()) {
      assertTrue(model instanceof Sequential);
      assertEquals("in", model.inputLayer().name());
      assertArrayEquals(new long[] {5}, model.inputLayer().shape());
    }
  }

  @Test
  void unsupportedLayersAndSettingsAreNamed() throws Exception {
    String lstm = "{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
        + "{'class_name': 'LSTM', 'config': {'name': 'lstm_1', 'units': 8,"
        + " 'batch_input_shape': [null, 10, 3]}}]}}";
    SavedModelException e = assertThrows(SavedModelException.class,
        () -> build(json(lstm)));
    assertTrue(e.getMessage().startsWith("test: layer 'lstm_1' has class LSTM, which has no factory;"
        + " supported classes are Activation, Add, Average,")
        && e.getMessage().endsWith("customLayer(\"LSTM\", config -> ...)"), e.getMessage());
    String grouped = "{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
        + "{'class_name': 'Conv2D', 'config': {'name': 'c', 'filters': 2, 'kernel_size': 3,"
        + " 'groups': 2, 'batch_input_shape': [null, 8, 8, 2]}}]}}";
    SavedModelException d = assertThrows(SavedModelException.class,
        () -> build(json(grouped)));
    assertEquals("test: Conv2D layer 'c': field 'groups' is 2, expected 1 (grouped convolutions"
        + " are not supported)", d.getMessage());
    String activation = "{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
        + "{'class_name': 'Dense', 'config': {'name': 'd', 'units': 2, 'activation': 'swoosh',"
        + " 'batch_input_shape': [null, 3]}}]}}";
    SavedModelException a = assertThrows(SavedModelException.class,
        () -> build(json(activation)));
    assertTrue(a.getMessage().startsWith("test: Dense layer 'd': field 'activation' is"
        + " \"swoosh\", expected one of [elu, exponential, gelu,"), a.getMessage());
  }

  private static String customSequential(String extra) {
    return "{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
        + "{'class_name': 'InputLayer', 'config': {'name': 'x', 'batch_shape': [null, 3]}},"
        + " {'module': 'autokeras.keras_layers', 'class_name': 'Doubler', 'registered_name':"
        + " 'autokeras>Doubler', 'config': {'name': 'twice'" + extra + "}}]}}";
  }

  /** A custom layer: multiplies by a factor read from its config. */
  private static final class Scale extends org.nsl4j.keras.layers.Layer {
    private final float factor;

    Scale(String name, float factor) {
      super(name);
      this.factor = factor;
    }

    @Override
    protected org.tensorflow.Operand<org.tensorflow.types.TFloat32> call(
        org.tensorflow.op.Ops tf, org.tensorflow.Operand<org.tensorflow.types.TFloat32> x,
        boolean training) {
      return tf.math.mul(x, tf.constant(factor));
    }
  }

  @Test
  void customLayersNeedARegisteredFactory() throws Exception {
    KerasArchitecture arch = KerasArchitecture.of(json(customSequential(", 'factor': 3")), "c");
    SavedModelException e = assertThrows(SavedModelException.class,
        () -> arch.build(LayerRegistry.builtIn()).model());
    assertTrue(e.getMessage().contains("class Doubler (module autokeras.keras_layers, registered"
        + " as 'autokeras>Doubler')") && e.getMessage().contains("custom layer")
        && e.getMessage().contains("customLayer(\"Doubler\""), e.getMessage());
    for (String key : List.of("Doubler", "autokeras>Doubler")) {
      LayerRegistry registry = KerasModelLoader.builder()
          .customLayer(key, c -> new Scale(c.name(), c.number("factor", 2f))).build().registry();
      try (Model model = arch.build(registry).model()) {
        org.nsl4j.keras.data.FeatureArray y =
            model.predict(org.nsl4j.keras.data.FeatureArray.ofFloats(new float[] {1, 2, 3}, 1, 3));
        assertArrayEquals(new float[] {3, 6, 9}, y.floats(), 1e-6f, key);
        assertEquals("twice", model.layers().get(0).name());
      }
    }
    assertTrue(LayerRegistry.builtIn().supported().contains("Dense"));
    assertTrue(!LayerRegistry.builtIn().supported().contains("Doubler"), "with() must not mutate");
  }

  @Test
  void lambdaLayersPointToCustomLayers() throws Exception {
    String lambda = "{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
        + "{'class_name': 'Lambda', 'config': {'name': 'l', 'function': ['4wEAAA', null, null],"
        + " 'batch_input_shape': [null, 3]}}]}}";
    SavedModelException e = assertThrows(SavedModelException.class,
        () -> build(json(lambda)));
    assertTrue(e.getMessage().contains("Lambda layer") && e.getMessage().contains("customLayer"),
        e.getMessage());
  }

  @Test
  void theFilesKerasVersionChoosesHardSigmoid() throws Exception {
    String config = "{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
        + "{'class_name': 'Activation', 'config': {'name': 'a', 'activation': 'hard_sigmoid',"
        + " 'batch_input_shape': [null, 1]}}]}}";
    org.nsl4j.keras.data.FeatureArray x =
        org.nsl4j.keras.data.FeatureArray.ofFloats(new float[] {1f}, 1, 1);
    // tf.keras 2: clip(0.2x + 0.5) = 0.7; Keras 3: relu6(x + 3) / 6 = 2/3
    float[] expected = {0.7f, 2f / 3};
    String[] versions = {"2.4.0", "3.1.1"};
    for (int i = 0; i < 2; i++) {
      try (Model m = KerasArchitecture.of(json(config), "t", versions[i])
          .build(LayerRegistry.builtIn()).model()) {
        assertEquals(expected[i], m.predict(x).floats()[0], 1e-6f, versions[i]);
      }
    }
  }
}
