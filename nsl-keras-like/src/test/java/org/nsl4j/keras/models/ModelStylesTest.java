package org.nsl4j.keras.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsl4j.keras.layers.Layer;

class ModelStylesTest {

  static Stream<Arguments> styles() {
    return Stream.of(
        Arguments.of("functional", (Supplier<Model>) TutorialModels::functional),
        Arguments.of("sequential", (Supplier<Model>) TutorialModels::sequential),
        Arguments.of("subclassed", (Supplier<Model>) TutorialModels::subclassed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("styles")
  void tutorialModelHasKerasShapesAndParameterCount(String style, Supplier<Model> factory) {
    try (Model model = factory.get()) {
      String summary = model.summaryText();
      assertTrue(summary.contains("Total params: 93,322"), summary);
      assertTrue(summary.contains("Trainable params: 93,322"), summary);
      assertTrue(summary.contains("Non-trainable params: 0"), summary);
      List<String> shapes = model.layers().stream().map(Layer::outputShape)
          .map(Summary::format).toList();
      assertEquals(List.of("(None, 26, 26, 32)", "(None, 13, 13, 32)", "(None, 11, 11, 64)",
          "(None, 5, 5, 64)", "(None, 3, 3, 64)", "(None, 576)", "(None, 64)", "(None, 10)"),
          shapes);
      List<Long> params = model.layers().stream().map(Layer::countParams).toList();
      assertEquals(List.of(320L, 0L, 18496L, 0L, 36928L, 0L, 36928L, 650L), params);
      assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2",
          "flatten", "dense", "dense_1"), model.layers().stream().map(Layer::name).toList());
      assertTrue(summary.contains("conv2d (Conv2D)"), summary);
    }
  }
}
