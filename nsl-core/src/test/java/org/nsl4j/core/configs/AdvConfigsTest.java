package org.nsl4j.core.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AdvConfigsTest {

  @Test
  void neighborConfigHasNslDefaults() {
    AdvNeighborConfig c = AdvNeighborConfig.builder().build();
    assertTrue(c.featureMask().isEmpty());
    assertEquals(0.001f, c.advStepSize());
    assertEquals(NormType.L2, c.advGradNorm());
    assertTrue(c.clipValueMin().isEmpty());
    assertTrue(c.clipValueMax().isEmpty());
    assertEquals(1, c.pgdIterations());
    assertEquals(Optional.empty(), c.pgdEpsilon());
    assertFalse(c.randomInit());
  }

  @Test
  void makeAdvRegConfigHasNslDefaults() {
    AdvRegConfig c = AdvConfigs.makeAdvRegConfig().build();
    assertEquals(0.2f, c.multiplier());
    assertEquals(AdvNeighborConfig.builder().build(), c.advNeighborConfig());
  }

  @Test
  void makeAdvRegConfigSetsEveryField() {
    AdvRegConfig c = AdvConfigs.makeAdvRegConfig()
        .multiplier(0.5f)
        .advStepSize(0.2f)
        .advGradNorm("infinity")
        .clipValueMin(0f)
        .clipValueMax(Map.of("image", FeatureConstant.of(new float[] {1f, 2f}, 2)))
        .pgdIterations(3)
        .pgdEpsilon(0.3f)
        .randomInit(true)
        .randomSeed(7)
        .featureMask(Map.of("image", FeatureConstant.scalar(0.5f)))
        .build();
    AdvNeighborConfig n = c.advNeighborConfig();
    assertEquals(0.5f, c.multiplier());
    assertEquals(0.2f, n.advStepSize());
    assertEquals(NormType.INFINITY, n.advGradNorm());
    assertEquals(Optional.of(FeatureConstant.scalar(0f)), n.clipValueMin().get("anything"));
    assertEquals(Optional.of(FeatureConstant.of(new float[] {1f, 2f}, 2)),
        n.clipValueMax().get("image"));
    assertEquals(Optional.empty(), n.clipValueMax().get("other"));
    assertEquals(3, n.pgdIterations());
    assertEquals(Optional.of(0.3f), n.pgdEpsilon());
    assertTrue(n.randomInit());
    assertEquals(7, n.randomSeed());
    assertEquals(Optional.of(FeatureConstant.scalar(0.5f)), n.featureMask().get("image"));
  }

  @Test
  void toBuilderOverridesOnlyTheGivenFields() {
    AdvRegConfig base = AdvConfigs.makeAdvRegConfig()
        .multiplier(0.3f).advStepSize(0.05f).advGradNorm(NormType.L1).build();
    AdvRegConfig changed = base.toBuilder().advStepSize(0.1f).build();
    assertEquals(0.3f, changed.multiplier());
    assertEquals(0.1f, changed.advNeighborConfig().advStepSize());
    assertEquals(NormType.L1, changed.advNeighborConfig().advGradNorm());
    assertEquals(0.05f, base.advNeighborConfig().advStepSize());
    assertNotEquals(base, changed);
    assertEquals(base, base.toBuilder().build());

    AdvNeighborConfig neighbor = base.advNeighborConfig().toBuilder()
        .pgdIterations(2).pgdEpsilon(0.5f).build();
    assertEquals(2, neighbor.pgdIterations());
    assertEquals(NormType.L1, neighbor.advGradNorm());
    assertEquals(Optional.empty(),
        neighbor.toBuilder().pgdIterations(1).pgdEpsilon(null).build().pgdEpsilon());
  }

  @Test
  void invalidValuesAreRejectedNamingFieldAndValue() {
    assertRejected(() -> AdvNeighborConfig.builder().advStepSize(-0.1f).build(),
        "advStepSize", "-0.1");
    assertRejected(() -> AdvNeighborConfig.builder().advStepSize(Float.NaN).build(),
        "advStepSize", "NaN");
    assertRejected(() -> AdvNeighborConfig.builder().advStepSize(Float.POSITIVE_INFINITY).build(),
        "advStepSize", "Infinity");
    assertRejected(() -> AdvNeighborConfig.builder().pgdIterations(0).build(),
        "pgdIterations", "0");
    assertRejected(() -> AdvNeighborConfig.builder().pgdEpsilon(0f).build(), "pgdEpsilon", "0.0");
    assertRejected(() -> AdvNeighborConfig.builder().pgdEpsilon(-1f).build(), "pgdEpsilon", "-1.0");
    assertRejected(() -> AdvNeighborConfig.builder().pgdEpsilon(Float.NaN).build(),
        "pgdEpsilon", "NaN");
    assertRejected(() -> AdvNeighborConfig.builder().randomInit(true).advStepSize(0f).build(),
        "advStepSize", "randomInit", "0.0");
    assertRejected(() -> AdvConfigs.makeAdvRegConfig().multiplier(Float.NaN).build(),
        "multiplier", "NaN");
    assertRejected(() -> AdvConfigs.makeAdvRegConfig().multiplier(Float.NEGATIVE_INFINITY).build(),
        "multiplier", "-Infinity");
  }

  @Test
  void clipBoundsMustBeOrdered() {
    assertRejected(() -> AdvNeighborConfig.builder().clipValueMin(2f).clipValueMax(1f).build(),
        "clipValueMin (2.0)", "clipValueMax (1.0)");
    assertRejected(
        () -> AdvNeighborConfig.builder()
            .clipValueMin(Map.of("x", FeatureConstant.of(new float[] {0f, 5f}, 2)))
            .clipValueMax(Map.of("x", FeatureConstant.of(new float[] {1f, 4f}, 2)))
            .build(),
        "clipValueMin (5.0)", "'x'");
    // A per-feature bound broadcast against a bound shared by all features.
    assertRejected(
        () -> AdvNeighborConfig.builder()
            .clipValueMin(Map.of("x", FeatureConstant.of(new float[] {0f, 0f, 0f, 3f}, 2, 2)))
            .clipValueMax(FeatureConstants.forAll(FeatureConstant.of(new float[] {9f, 2f}, 2)))
            .build(),
        "clipValueMin (3.0)", "clipValueMax (2.0)");
    assertRejected(
        () -> AdvNeighborConfig.builder()
            .clipValueMin(Map.of("x", FeatureConstant.of(new float[] {0f, 0f, 0f}, 3)))
            .clipValueMax(Map.of("x", FeatureConstant.of(new float[] {1f, 1f}, 2)))
            .build(),
        "does not broadcast", "'x'");
    assertRejected(() -> AdvNeighborConfig.builder().clipValueMax(Float.NaN).build(),
        "clipValueMax", "NaN");
    // Bounds of different features never conflict; equal bounds are fine.
    AdvNeighborConfig.builder()
        .clipValueMin(Map.of("x", FeatureConstant.scalar(5f)))
        .clipValueMax(Map.of("y", FeatureConstant.scalar(1f)))
        .build();
    AdvNeighborConfig.builder().clipValueMin(1f).clipValueMax(1f).build();
  }

  @Test
  void featureMaskValuesMustLieInUnitInterval() {
    assertRejected(
        () -> AdvNeighborConfig.builder()
            .featureMask(Map.of("x", FeatureConstant.of(new float[] {1f, 1.5f}, 2)))
            .build(),
        "featureMask", "1.5");
    assertRejected(
        () -> AdvNeighborConfig.builder()
            .featureMask(Map.of("x", FeatureConstant.scalar(Float.NaN)))
            .build(),
        "featureMask", "NaN");
  }

  @Test
  void featureConstantChecksItsShape() {
    assertRejected(() -> FeatureConstant.of(new float[] {1f, 2f, 3f}, 2, 2), "[2, 2]", "3");
    float[] values = {1f, 2f};
    FeatureConstant c = FeatureConstant.of(values, 2);
    values[0] = 9f;
    assertEquals(1f, c.values()[0]);
  }

  @Test
  void iterationsOrRandomStartWithoutEpsilonAreAcceptedWithOneWarning() {
    String log = stderrOf(() -> {
      AdvNeighborConfig c = AdvNeighborConfig.builder().pgdIterations(3).build();
      assertEquals(3, c.pgdIterations());
      assertEquals(Optional.empty(), c.pgdEpsilon());
    });
    assertEquals(1, occurrences(log, "pgdEpsilon is not set"), log);
    assertTrue(log.contains("pgdIterations=3"), log);
    String random = stderrOf(() -> assertTrue(
        AdvNeighborConfig.builder().randomInit(true).advStepSize(0.1f).build().randomInit()));
    assertEquals(1, occurrences(random, "pgdEpsilon is not set"), random);
    assertTrue(random.contains("advStepSize ball"), random);
    assertEquals("", stderrOf(() -> AdvNeighborConfig.builder().pgdIterations(3)
        .pgdEpsilon(0.1f).randomInit(true).build()));
  }

  private static String stderrOf(Runnable action) {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(saved);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static int occurrences(String text, String fragment) {
    int count = 0;
    for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
      count++;
    }
    return count;
  }

  private static void assertRejected(Executable build, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
  }
}
