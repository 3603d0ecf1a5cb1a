package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsl4j.keras.activations.Activations;
import org.nsl4j.keras.layers.Activation;

/** Every built-in layer (every class of the registry) and every activation through the harness. */
class BuiltInLayersTest {

  static Stream<LayerCase> cases() {
    return Stream.of(CoreAndConvolutionCases.core(), CoreAndConvolutionCases.convolutions2d(),
        CoreAndConvolutionCases.convolutions1d(), PoolingAndMergingCases.pooling2d(),
        PoolingAndMergingCases.pooling1d(), PoolingAndMergingCases.merging(),
        ReshapingAndNormalizationCases.reshaping(),
        ReshapingAndNormalizationCases.normalization(), ActivationCases.layers(),
        ActivationCases.named(), RegularizationAndPreprocessingCases.regularization(),
        RegularizationAndPreprocessingCases.preprocessing(),
        RegularizationAndPreprocessingCases.augmentation()).flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void passesTheLayerTest(LayerCase c) {
    LayerHarness.run(c);
  }

  @Test
  void everyRegisteredLayerHasACase() {
    Set<String> tested = cases().map(c -> c.make.get().className())
        .collect(Collectors.toCollection(TreeSet::new));
    // a model's inputs are no layer it applies: LayerFactoriesTest.inputLayerReadsBothShapeFields
    tested.add("InputLayer");
    assertEquals(new TreeSet<>(LayerRegistry.builtIn().supported()), tested);
  }

  @Test
  void everyActivationHasACase() {
    Set<String> tested = cases().map(c -> c.make.get())
        .filter(l -> l instanceof Activation).map(l -> ((Activation) l).activation())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Activations.names(), tested);
  }
}
