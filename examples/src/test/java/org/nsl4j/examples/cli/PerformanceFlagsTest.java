package org.nsl4j.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsl4j.examples.CliRun;
import org.nsl4j.keras.mixedprecision.Policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;


/** Bad performance flags fail before any training with one line naming the flag and values. */
class PerformanceFlagsTest {

  @TempDir Path tmp;

  private CliRun run(String command, String flags) {
    List<String> args = new ArrayList<>(List.of(command.trim()));
    args.addAll(List.of(flags.trim().split(" +")));
    if (command.trim().equals("tutorial")) {
      args.addAll(List.of("--out", tmp.resolve("out").toString()));
    }
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void assertOneLine(CliRun run, String message) {
    assertEquals(2, run.exitCode(), run.err());
    assertFalse(run.trained(), run.out());
    assertTrue(run.err().startsWith("error: " + message), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tutorial   | --precision-policy fp8     | --precision-policy must be auto, float32,"
          + " mixed_bfloat16, mixed_float16, got 'fp8'",
      "tutorial   | --inference-batch-size 0   | --inference-batch-size must be a positive"
          + " whole number (1, 2, ...), got 0",
      "train-base | --intra-op-threads -1      | --intra-op-threads must be a positive whole"
          + " number (1, 2, ...), got -1",
      "tutorial   | --inter-op-threads 0       | --inter-op-threads must be a positive whole"
          + " number (1, 2, ...), got 0",
      "bench      | --inter-op-threads 0       | --inter-op-threads must be a positive whole"
          + " number (1, 2, ...), got 0",
  })
  void badValuesGiveOneClearLine(String command, String flags, String message) {
    assertOneLine(run(command, flags), message);
  }

  @Test
  void aPolicyThisMachineCannotRunIsRefusedNotRunInFloat32() {
    assumeFalse(Policy.MIXED_FLOAT16.isSupported(), "this machine has a GPU");
    assertOneLine(run("train-base", "--precision-policy mixed_float16"),
        "--precision-policy: precision policy 'mixed_float16' cannot run here: TensorFlow sees"
            + " no GPU");
  }
}
