package org.nsl4j.core.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormTypeTest {

  @Test
  void parsesNamesIgnoringCase() {
    assertEquals(NormType.L1, NormType.parse("l1"));
    assertEquals(NormType.L2, NormType.parse("L2"));
    assertEquals(NormType.INFINITY, NormType.parse("infinity"));
    assertEquals(NormType.INFINITY, NormType.parse("LINF"));
    assertEquals(NormType.INFINITY, NormType.parse("Inf"));
  }

  @Test
  void unknownNameIsRejectedWithTheAcceptedNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NormType.parse("l3"));
    assertTrue(e.getMessage().contains("'l3'"), e.getMessage());
    assertTrue(e.getMessage().contains("l1, l2, infinity"), e.getMessage());
  }
}
