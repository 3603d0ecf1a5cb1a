package org.nsl4j.examples.tutorial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nsl4j.examples.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Bad input fails before any training, with one message naming the flag or directory. */
class TutorialValidationTest {

  @TempDir Path tmp;

  private CliRun failing(Path out, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "tutorial";
    all[1] = "--out";
    all[2] = out.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    CliRun run = CliRun.of(all);
    assertEquals(2, run.exitCode(), run.err());
    assertFalse(run.trained(), "no training may start: " + run.out());
    assertFalse(Files.exists(out), "nothing may be written to --out");
    return run;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--epochs -1                 | --epochs must be >= 0, got -1",
      "--adv-step-size NaN         | --adv-step-size must be finite and positive, got NaN",
      "--adv-step-size Infinity    | --adv-step-size must be finite and positive, got Infinity",
      "--learning-rate 0           | --learning-rate must be finite and positive",
      "--input-shape 32,32,1       | but the model takes [32, 32, 1] (set --input-shape)",
      "--curve-eps 0,1.5           | --curve-eps values must be in [0, 1]",
      "--curve-pgd-iterations 0    | --curve-pgd-iterations must be positive",
      "--train-limit 0             | --train-limit must be positive, got 0",
      "--test-limit 0              | --test-limit must be positive, got 0",
      "--num-classes 5             | the training labels hold 5 at index 0, outside [0, 5): the"
          + " model has 5 classes (--num-classes 5)",
  })
  void badValuesAreRejectedBeforeTraining(String flags, String message) {
    CliRun run = failing(tmp.resolve("out"), flags.trim().split(" +"));
    assertTrue(run.err().contains("error: ") && run.err().contains(message), run.err());
  }

  @ParameterizedTest
  @CsvSource({"--data-dir", "--test-data-dir"})
  void missingDataDirIsNamed(String flag) {
    Path missing = tmp.resolve("no-such-dir");
    CliRun run = failing(tmp.resolve("out"), flag, missing.toString());
    assertTrue(run.err().contains(flag + " " + missing), run.err());
  }

  @org.junit.jupiter.api.Test
  void unwritableOutputDirIsNamed() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    Path out = file.resolve("out");
    CliRun run = failing(out);
    assertTrue(run.err().contains("error: --out " + out + " cannot be written: " + file
        + " is a file, not a directory"), run.err());
  }
}
