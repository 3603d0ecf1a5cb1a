package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsl4j.keras.activations.Activations;
import org.nsl4j.keras.layers.Activation;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.DepthwiseConv2D;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.LeakyReLU;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.layers.ReLU;
import org.nsl4j.keras.layers.ZeroPadding2D;

/** The built-in factories read Keras 2 and Keras 3 configs, with Keras's defaults. */
class LayerFactoriesTest {

  private static Layer create(String className, String config) {
    return create(className, config, "");
  }

  private static Layer create(String className, String config, String kerasVersion) {
    try {
      String json = ("{'class_name': '" + className + "', 'config': {'name': 'l'" + config + "}}")
          .replace('\'', '"');
      return LayerRegistry.builtIn().create(
          LayerConfig.of(new ObjectMapper().readTree(json)).withKerasVersion(kerasVersion));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void leakyReluReadsKeras3NegativeSlopeAndKeras2Alpha() {
    assertEquals(0.1f,
        ((LeakyReLU) create("LeakyReLU", ", 'negative_slope': 0.1")).negativeSlope());
    assertEquals(0.2f, ((LeakyReLU) create("LeakyReLU", ", 'alpha': 0.2")).negativeSlope());
    assertEquals(0.3f, ((LeakyReLU) create("LeakyReLU", "")).negativeSlope(), "Keras's default");
  }

  @Test
  void reluReadsItsThreeOptionsAndDefaults() {
    ReLU r = (ReLU) create("ReLU", ", 'max_value': 6.0, 'negative_slope': 0.1, 'threshold': 1");
    assertEquals(6f, r.maxValue());
    assertEquals(0.1f, r.negativeSlope());
    assertEquals(1f, r.threshold());
    ReLU plain = (ReLU) create("ReLU", ", 'max_value': null");
    assertNull(plain.maxValue());
    assertEquals(0f, plain.negativeSlope());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"'', hard_sigmoid_keras2", "2.4.0, hard_sigmoid_keras2", "3.1.1, hard_sigmoid"})
  void hardSigmoidFollowsTheFilesKerasVersion(String version, String expected) {
    Activation a = (Activation) create("Activation", ", 'activation': 'hard_sigmoid'", version);
    assertEquals(expected, a.activation());
  }

  @Test
  void aKeras3DtypePolicyMeansKeras3() {
    Activation a = (Activation) create("Activation", ", 'activation': 'hard_sigmoid', 'dtype':"
        + " {'class_name': 'DTypePolicy', 'config': {'name': 'float32'}}");
    assertEquals("hard_sigmoid", a.activation());
    assertEquals(Activations.HARD_SIGMOID_KERAS2, ((Activation) create("Activation",
        ", 'activation': 'hard_sigmoid_keras2'", "3.0")).activation());
  }

  @Test
  void convolutionsAndPoolingTakeKerasDefaults() {
    Conv2D c = (Conv2D) create("Conv2D", ", 'filters': 4, 'kernel_size': 3");
    assertArrayEquals(new int[] {3, 3}, c.kernelSize());
    assertArrayEquals(new int[] {1, 1}, c.strides());
    assertArrayEquals(new int[] {1, 1}, c.dilationRate());
    assertEquals("valid", c.padding());
    assertEquals("linear", c.activation());
    DepthwiseConv2D d = (DepthwiseConv2D) create("DepthwiseConv2D", ", 'kernel_size': [3, 1],"
        + " 'strides': [2, 1], 'depth_multiplier': 2, 'activation': 'relu6',"
        + " 'depthwise_initializer': {'class_name': 'HeNormal', 'config': {}}");
    assertArrayEquals(new int[] {3, 1}, d.kernelSize());
    assertArrayEquals(new int[] {2, 1}, d.strides());
    assertEquals(2, d.depthMultiplier());
    assertEquals("he_normal", d.getConfig().get("depthwise_initializer"));
    MaxPooling2D p =
        (MaxPooling2D) create("MaxPooling2D", ", 'pool_size': [3, 2], 'strides': null");
    assertArrayEquals(new int[] {3, 2}, p.strides(), "strides default to the pool size");
    assertArrayEquals(new int[] {1, 1, 2, 2},
        ((ZeroPadding2D) create("ZeroPadding2D", ", 'padding': [[1, 1], [2, 2]]")).padding());
  }

  @Test
  void trainableFalseFreezesTheLayer() {
    assertFalse(create("Dense", ", 'units': 2, 'trainable': false").isTrainable());
    assertTrue(create("Dense", ", 'units': 2").isTrainable());
  }

  @Test
  void inputLayerReadsBothShapeFields() {
    InputLayer k3 = (InputLayer) create("InputLayer", ", 'batch_shape': [null, 28, 28, 1]");
    InputLayer k2 = (InputLayer) create("InputLayer", ", 'batch_input_shape': [null, 9]");
    assertArrayEquals(new long[] {28, 28, 1}, k3.shape());
    assertArrayEquals(new long[] {9}, k2.shape());
    assertEquals(java.util.Arrays.asList(null, 28L, 28L, 1L), k3.getConfig().get("batch_shape"));
    LayerConfig written = LayerConfig.of(new ObjectMapper().valueToTree(
        java.util.Map.of("class_name", "InputLayer", "config", k3.getConfig())));
    InputLayer again = (InputLayer) LayerRegistry.builtIn().create(written);
    assertEquals(k3.getConfig(), again.getConfig());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Conv2D | , 'filters': 2, 'kernel_size': 3, 'groups': 2 | groups",
      "Conv2D | , 'filters': 2, 'kernel_size': 3, 'data_format': 'channels_first' | data_format",
      "Dense | , 'units': 2, 'lora_rank': 4 | lora_rank",
      "Embedding | , 'input_dim': 5, 'output_dim': 2, 'mask_zero': true | mask_zero",
      "LayerNormalization | , 'rms_scaling': true | rms_scaling",
      "Resizing | , 'height': 2, 'width': 2, 'antialias': true | antialias",
      "Dropout | , 'rate': 0.5, 'noise_shape': [null, 1] | noise_shape",
      "BatchNormalization | , 'renorm': true | renorm",
      "Dense | , 'units': 2, 'activation': 'no_such' | activation",
      "Conv1D | , 'filters': 2, 'kernel_size': [3, 3] | kernel_size"})
  void unsupportedSettingsFailNamingTheField(String className, String config, String field) {
    SavedModelException e =
        assertThrows(SavedModelException.class, () -> create(className, config));
    assertTrue(e.getMessage().contains("'" + field + "'") && e.getMessage().contains("'l'"),
        e.getMessage());
  }

  @Test
  void badValuesFailNamingTheLayer() {
    SavedModelException e = assertThrows(SavedModelException.class,
        () -> create("UpSampling2D", ", 'interpolation': 'bicubic'"));
    assertTrue(e.getMessage().contains("UpSampling2D layer 'l'")
        && e.getMessage().contains("bicubic"), e.getMessage());
    e = assertThrows(SavedModelException.class, () -> create("Conv2D",
        ", 'filters': 2, 'kernel_size': 3, 'strides': 2, 'dilation_rate': 2"));
    assertTrue(e.getMessage().contains("dilation_rate"), e.getMessage());
  }
}
