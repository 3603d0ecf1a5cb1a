package org.nsl4j.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A skipped training-time augmentation is never silent: one warning per layer. */
class AugmentationWarningTest {

  @Test
  void skippedAugmentationWarnsOnceAndPassesInputsThrough() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    float[] x = {1, 2, 3, 4};
    try (OneLayer m = new OneLayer(new RandomRotation(0.2f), 2, 2, 1)) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      assertArrayEquals(x, m.run(x, 1, false));
      String atInference = captured.toString(StandardCharsets.UTF_8);
      assertArrayEquals(x, m.run(x, 1, true));
      assertArrayEquals(x, m.run(x, 1, true));
      String log = captured.toString(StandardCharsets.UTF_8);
      assertEquals("", atInference, "no warning at inference");
      assertEquals(1, log.split("training-time augmentation is not implemented", -1).length - 1,
          log);
      assertEquals(true, log.contains("RandomRotation 'random_rotation'"), log);
    } finally {
      System.setErr(err);
    }
  }
}
