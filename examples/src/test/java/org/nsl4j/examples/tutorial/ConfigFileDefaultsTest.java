package org.nsl4j.examples.tutorial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.CliRun;
import org.nsl4j.examples.Main;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** {@code --config}: the file overrides the built-in defaults, flags override the file. */
class ConfigFileDefaultsTest {

  @TempDir Path tmp;

  private static TutorialCommand parse(String... args) {
    return Main.commandLine().parseArgs(args).subcommand().commandSpec().commandLine().getCommand();
  }

  @Test
  void jsonValuesReplaceDefaultsAndFlagsReplaceJson() throws IOException {
    Path config = Files.writeString(tmp.resolve("tutorial.json"), """
        {"epochs": 3, "adv-step-size": 0.05, "conv-filters": [16, 32], "adv-grad-norm": "l2",
         "curve-eps": [0, 0.1], "out": "from-config", "resume": true, "adv-pgd-epsilon": null}
        """);
    TutorialCommand fromFile = parse("tutorial", "--config", config.toString());
    assertEquals(3, fromFile.h.epochs());
    assertEquals(0.05f, fromFile.h.advStepSize());
    assertArrayEquals(new int[] {16, 32}, fromFile.h.convFilters());
    assertEquals("l2", fromFile.h.toMap().get("adv_grad_norm"));
    assertArrayEquals(new double[] {0, 0.1}, fromFile.curveOptions.eps());
    assertEquals(Path.of("from-config"), fromFile.out);
    assertTrue(fromFile.resume);
    assertNull(fromFile.h.pgdEpsilon());
    assertEquals(32, fromFile.h.batchSize(), "keys not in the file keep their defaults");

    TutorialCommand flagged = parse("tutorial", "--epochs", "7", "--config", config.toString(),
        "--adv-step-size", "0.3");
    assertEquals(7, flagged.h.epochs());
    assertEquals(0.3f, flagged.h.advStepSize());
    assertArrayEquals(new int[] {16, 32}, flagged.h.convFilters());

    TutorialCommand none = parse("tutorial");
    assertEquals(5, none.h.epochs());
    assertEquals(0.2f, none.h.advStepSize());
    assertFalse(none.resume);
  }

  @Test
  void propertiesFileWorksToo() throws IOException {
    Path config = Files.writeString(tmp.resolve("tutorial.properties"),
        "# tutorial settings\nepochs = 2\nadv-multiplier=0.5\ndense-units=128,64\n");
    TutorialCommand c = parse("tutorial", "--config", config.toString());
    assertEquals(2, c.h.epochs());
    assertEquals(0.5f, c.h.advMultiplier());
    assertArrayEquals(new int[] {128, 64}, c.h.denseUnits());
  }

  @Test
  void configValuesAreValidatedLikeFlags() throws IOException {
    Path config = Files.writeString(tmp.resolve("bad.json"), "{\"epochs\": -1}");
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("tutorial", "--config", config.toString(), "--out", out.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--epochs must be >= 0, got -1"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownKeysMissingFilesAndBadJsonNameTheFile() throws IOException {
    Path unknown = Files.writeString(tmp.resolve("unknown.json"), "{\"epoch\": 3}");
    Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"epochs\": ");
    Path missing = tmp.resolve("missing.json");
    for (Path file : new Path[] {unknown, broken, missing}) {
      CliRun run = CliRun.of("tutorial", "--config", file.toString(), "--out",
          tmp.resolve("out").toString());
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.err().contains("--config " + file), run.err());
      assertFalse(run.trained());
    }
    CliRun run = CliRun.of("tutorial", "--config", unknown.toString());
    assertTrue(run.err().contains("unknown key 'epoch'") && run.err().contains("epochs"),
        run.err());
  }
}
