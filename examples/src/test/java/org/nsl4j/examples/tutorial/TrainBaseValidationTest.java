package org.nsl4j.examples.tutorial;

import org.junit.jupiter.api.Test;
import org.nsl4j.examples.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Digits labelled beyond {@code --num-classes} are refused before training, naming the label. */
class TrainBaseValidationTest {

  @Test
  void tooFewClassesForTheDigitsFailsNamingTheLabel() {
    CliRun run = CliRun.of("train-base", "--num-classes", "5", "--train-limit", "64",
        "--test-limit", "32", "--epochs", "1");
    assertEquals(2, run.exitCode(), run.err());
    String err = run.err().strip();
    assertEquals("error: the training labels hold 5 at index 0, outside [0, 5): the model has 5"
        + " classes (--num-classes 5)", err);
    assertFalse(run.trained(), "checked before training: " + run.out());
    assertEquals(1, err.lines().count(), err);
  }
}
