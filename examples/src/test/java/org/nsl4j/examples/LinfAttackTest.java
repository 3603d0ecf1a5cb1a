package org.nsl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.NormType;

class LinfAttackTest {

  @Test
  void stepsAndRadiusScaleWithTheInputs() {
    LinfAttack pgd = LinfAttack.of(LinfAttack.Kind.PGD, 0.2, 10);
    AdvNeighborConfig scaled = pgd.overrides(2).apply(AdvNeighborConfig.builder()).build();
    assertEquals(NormType.INFINITY, scaled.advGradNorm());
    assertEquals(10, scaled.pgdIterations());
    assertEquals(0.1f, scaled.advStepSize(), 1e-7, "2 × 2.5 × 0.2 / 10");
    assertEquals(0.4f, scaled.pgdEpsilon().orElseThrow(), 1e-7);
    assertEquals("PGD-10 (10 steps of 0.0500, projected onto the \u03B5 = 0.2 ball)",
        pgd.describe());

    LinfAttack fgsm = LinfAttack.of(LinfAttack.Kind.FGSM, 0.2, 10);
    assertEquals(1, fgsm.iterations(), "FGSM ignores the PGD iterations");
    assertEquals(0.2f, fgsm.overrides().apply(AdvNeighborConfig.builder()).build().advStepSize());
    assertThrows(IllegalArgumentException.class,
        () -> new LinfAttack(LinfAttack.Kind.FGSM, 0.2, 3));
  }
}
