package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.models.Model;

/**
 * Functional configs of every graph shape, Keras 2 and Keras 3 style, rebuilt and run with hand
 * weights (no fixtures), with the built-in layers.
 */
class KerasGraphTest {

  static final LayerRegistry REGISTRY = LayerRegistry.builtIn();

  static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text.replace('\'', '"'));
  }

  static KerasArchitecture.Rebuilt build(String config) throws Exception {
    return KerasArchitecture.of(json(config), "graph.json").build(REGISTRY);
  }

  /** A layer entry: {@code class_name}, config fields, inbound nodes. */
  static String layer(String className, String name, String fields, String inbound) {
    return "{'class_name': '" + className + "', 'name': '" + name + "', 'config': {'name': '"
        + name + "'" + fields + "}, 'inbound_nodes': " + inbound + "}";
  }

  static String input(String name, int size) {
    return layer("InputLayer", name, ", 'batch_input_shape': [null, " + size + "]", "[]");
  }

  static String dense(String name, String inbound) {
    return layer("Dense", name, ", 'units': 2, 'use_bias': false", inbound);
  }

  /** Keras 2 calls: each call a list of {@code ["layer", node, tensor, {}]}. */
  static String k2(String... calls) {
    return "[" + String.join(", ", calls) + "]";
  }

  static String call2(String... refs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < refs.length; i += 3) {
      sb.append(i == 0 ? "" : ", ").append("['").append(refs[i]).append("', ").append(refs[i + 1])
          .append(", ").append(refs[i + 2]).append(", {}]");
    }
    return sb.append("]").toString();
  }

  /** A Keras 3 tensor argument. */
  static String kt(String layer, int node) {
    return "{'class_name': '__keras_tensor__', 'config': {'shape': [null, 2], 'dtype':"
        + " 'float32', 'keras_history': ['" + layer + "', " + node + ", 0]}}";
  }

  static String call3(String args) {
    return "{'args': [" + args + "], 'kwargs': {}}";
  }

  static String functional(String name, String layers, String inputs, String outputs) {
    return "{'class_name': 'Functional', 'config': {'name': '" + name + "', 'layers': [" + layers
        + "], 'input_layers': " + inputs + ", 'output_layers': " + outputs + "}}";
  }

  static void kernel(Model model, String layer, float... values) {
    model.getLayer(layer).setWeights(List.of(FeatureArray.ofFloats(values, 2, 2)));
  }

  static FeatureArray rows(float... values) {
    return FeatureArray.ofFloats(values, values.length / 2, 2);
  }

  @Test
  void keras2SharedLayerTwoInputsTwoOutputs() throws Exception {
    String config = functional("siamese",
        input("x1", 2) + ", " + input("x2", 2) + ", "
            + dense("d", k2(call2("x1", "0", "0"), call2("x2", "0", "0"))) + ", "
            + layer("Add", "sum", "", k2(call2("d", "0", "0", "d", "1", "0"))),
        "[['x1', 0, 0], ['x2', 0, 0]]", "[['sum', 0, 0], ['d', 1, 0]]");
    try (KerasArchitecture.Rebuilt rebuilt = build(config)) {
      Model model = rebuilt.model();
      kernel(model, "d", 1, 2, 3, 4);
      List<FeatureArray> out = model.predictAll(Dataset.fromTensorSlices(Features.of(
          "x1", rows(1, 0), "x2", rows(0, 1))).batch(1));
      assertArrayEquals(new float[] {4, 6}, out.get(0).floats(), 1e-6f);
      assertArrayEquals(new float[] {3, 4}, out.get(1).floats(), 1e-6f);
      assertEquals(List.of("sum", "d"), model.outputNames());
      assertEquals(4, model.countParams(), "the shared layer's weights count once");
      assertTrue(model.summaryText().contains("[d[0][0], d[1][0]]"), model.summaryText());
    }
  }

  @Test
  void keras3LayerSharedAtTwoDepthsWaitsForItsInputs() throws Exception {
    String config = functional("aba",
        input("x", 2) + ", "
            + dense("a", "[" + call3(kt("x", 0)) + ", " + call3(kt("b", 0)) + "]") + ", "
            + dense("b", "[" + call3(kt("a", 0)) + "]") + ", "
            + layer("Add", "sum", "", "[" + call3("[" + kt("a", 1) + ", " + kt("x", 0) + "]")
                + "]"),
        "['x', 0, 0]", "['sum', 0, 0]");
    try (KerasArchitecture.Rebuilt rebuilt = build(config)) {
      Model model = rebuilt.model();
      kernel(model, "a", 0, 1, 1, 0);
      kernel(model, "b", 2, 0, 0, 3);
      float[] y = model.predict(rows(1, 2)).floats();
      // a swaps, b scales: a(b(a([1, 2]))) = a([4, 3]) = [3, 4]; plus x
      assertArrayEquals(new float[] {4, 6}, y, 1e-6f);
    }
  }

  /** Inner functional model {@code inner} ({@code in_i} → {@code di}). */
  static String innerModel(String inbound) {
    return "{'class_name': 'Functional', 'name': 'inner', 'config': {'name': 'inner', 'layers': ["
        + input("in_i", 2) + ", " + dense("di", k2(call2("in_i", "0", "0")))
        + "], 'input_layers': [['in_i', 0, 0]], 'output_layers': [['di', 0, 0]]},"
        + " 'inbound_nodes': " + inbound + "}";
  }

  /** Inner Sequential {@code seq} ({@code ds}), with an InputLayer. */
  static String innerSequential(String inbound) {
    return "{'class_name': 'Sequential', 'name': 'seq', 'config': {'name': 'seq', 'layers': ["
        + "{'class_name': 'InputLayer', 'config': {'name': 'in_s', 'batch_input_shape': [null, 2]}},"
        + " {'class_name': 'Dense', 'config': {'name': 'ds', 'units': 2, 'use_bias': false}}]},"
        + " 'inbound_nodes': " + inbound + "}";
  }

  @Test
  void keras2NestedModelsCountTheirCallsFromOne() throws Exception {
    String config = functional("outer",
        input("x", 2) + ", " + innerModel(k2(call2("x", "0", "0"))) + ", "
            + innerSequential(k2(call2("x", "0", "0"))) + ", "
            + dense("do", k2(call2("inner", "1", "0"))) + ", "
            + layer("Add", "sum", "", k2(call2("do", "0", "0", "seq", "1", "0"))),
        "[['x', 0, 0]]", "[['sum', 0, 0], ['inner', 1, 0]]");
    try (KerasArchitecture.Rebuilt rebuilt = build(config)) {
      Model model = rebuilt.model();
      assertTrue(model.getLayer("inner") instanceof Model);
      assertTrue(model.getLayer("seq") instanceof Model);
      rebuilt.layers().forEach((spec, l) -> {
        switch (l.name()) {
          case "di" -> l.setWeights(List.of(FeatureArray.ofFloats(new float[] {1, 0, 0, 2}, 2, 2)));
          case "ds" -> l.setWeights(List.of(FeatureArray.ofFloats(new float[] {0, 1, 1, 0}, 2, 2)));
          case "do" -> l.setWeights(List.of(FeatureArray.ofFloats(new float[] {1, 1, 0, 0}, 2, 2)));
          default -> { }
        }
      });
      List<FeatureArray> out = model.predictAll(
          Dataset.fromTensorSlices(Features.of("x", rows(1, 2))).batch(1));
      // inner: [1, 4]; do: [1, 1]; seq: [2, 1]; sum: [3, 2]
      assertArrayEquals(new float[] {3, 2}, out.get(0).floats(), 1e-6f);
      assertArrayEquals(new float[] {1, 4}, out.get(1).floats(), 1e-6f);
      assertEquals(3 * 4, model.countParams());
    }
  }
}
