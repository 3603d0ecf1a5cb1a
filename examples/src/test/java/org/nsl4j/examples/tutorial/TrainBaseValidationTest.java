package org.nsl4j.examples.tutorial;

import org.junit.jupiter.api.Test;
import org.nsl4j.examples.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Digits labelled beyond {@code --num-classes} stop training with one clear error. */
class TrainBaseValidationTest {

  @Test
  void tooFewClassesForTheDigitsFailsNamingTheLabel() {
    CliRun run = CliRun.of("train-base", "--num-classes", "5", "--train-limit", "64",
        "--test-limit", "32", "--epochs", "1");
    assertEquals(2, run.exitCode(), run.err());
    String err = run.err().strip();
    assertTrue(err.startsWith("error: batch 1: feature 'y' has class id "), err);
    assertTrue(err.contains("outside [0, 5): the model's output has 5 classes"), err);
    assertEquals(1, err.lines().count(), err);
  }
}
