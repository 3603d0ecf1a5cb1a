package org.nsl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvNeighborConfig;
import org.nsl4j.core.configs.NormType;

class RobustnessCurveTest {

  @Test
  void attacksAreLInfinityFgsmAndPgdOfRadiusEps() {
    CurveOptions options = new CurveOptions();
    options.pgdIterations = 10;
    RobustnessCurve curve = new RobustnessCurve(options, 32);
    AdvNeighborConfig training = AdvNeighborConfig.builder().advStepSize(0.2f)
        .advGradNorm(NormType.L2).pgdIterations(3).pgdEpsilon(0.5f).randomInit(true).build();

    AdvNeighborConfig fgsm = curve.overrides(LinfAttack.Kind.FGSM, 0.1)
        .apply(training.toBuilder()).build();
    assertEquals(NormType.INFINITY, fgsm.advGradNorm());
    assertEquals(1, fgsm.pgdIterations());
    assertEquals(0.1f, fgsm.advStepSize());
    assertEquals(0.1f, fgsm.pgdEpsilon().orElseThrow());
    assertFalse(fgsm.randomInit());

    AdvNeighborConfig pgd = curve.overrides(LinfAttack.Kind.PGD, 0.2)
        .apply(training.toBuilder()).build();
    assertEquals(NormType.INFINITY, pgd.advGradNorm());
    assertEquals(10, pgd.pgdIterations());
    assertEquals(0.05f, pgd.advStepSize(), 1e-7);
    assertEquals(0.2f, pgd.pgdEpsilon().orElseThrow());
    assertEquals("PGD-10", curve.label(LinfAttack.Kind.PGD));
  }

  @Test
  void epsAreSortedWithoutRepeats() {
    CurveOptions options = new CurveOptions();
    options.eps = new double[] {0.2, 0, 0.1, 0.2};
    options.validate();
    assertEquals(java.util.List.of(0.0, 0.1, 0.2),
        java.util.Arrays.stream(options.eps()).boxed().toList());
  }
}
