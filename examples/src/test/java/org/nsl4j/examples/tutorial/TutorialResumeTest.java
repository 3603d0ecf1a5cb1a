package org.nsl4j.examples.tutorial;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** {@code --resume} continues each phase after its last checkpoint and skips finished ones. */
class TutorialResumeTest {

  private static final List<String> TINY = List.of("tutorial", "--train-limit", "500",
      "--test-limit", "200", "--curve-eps", "0,0.1", "--curve-limit", "32",
      "--curve-pgd-iterations", "2", "--curve-pgd-restarts", "1", "--curve-apgd-iterations", "4");

  @Test
  void resumeContinuesFromTheLastEpochAndKeepsFinishedOnes(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    String dir = out.toString();
    CliRun first = CliRun.of(TutorialCommandTest.args(TINY, "--epochs", "1", "--out", dir));
    assertEquals(0, first.exitCode(), first.err());
    JsonNode one = TutorialCommandTest.report(out);

    CliRun resumed = CliRun.of(
        TutorialCommandTest.args(TINY, "--resume", "--epochs", "2", "--out", dir));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertEquals(2, count(resumed.out(), "resuming after epoch 1/2"), resumed.out());
    assertFalse(resumed.out().contains("Epoch 1/2"), "epoch 1 is not trained again");
    assertEquals(2, count(resumed.out(), "Epoch 2/2"), resumed.out());
    JsonNode two = TutorialCommandTest.report(out);
    for (String model : List.of("base", "adv")) {
      for (String metric : List.of("loss", "sparse_categorical_accuracy")) {
        JsonNode h = two.at("/" + model + "/history/" + metric);
        assertEquals(2, h.size(), model + " " + metric);
        assertEquals(one.at("/" + model + "/history/" + metric).get(0), h.get(0),
            model + " " + metric + ": the first run's epoch is kept");
      }
      assertEquals(2 * 16, two.at("/" + model + "/training/steps").asInt());
      assertTrue(Files.exists(out.resolve("checkpoints/" + model + "/epoch-2/checkpoint.index")));
    }

    CliRun again = CliRun.of(
        TutorialCommandTest.args(TINY, "--resume", "--epochs", "2", "--out", dir));
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(2, count(again.out(), "2/2 epochs already done"), again.out());
    assertFalse(again.out().contains("Epoch "), "finished phases are not trained again");
    JsonNode three = TutorialCommandTest.report(out);
    assertEquals(two.at("/base/history"), three.at("/base/history"));
    assertEquals(two.at("/adv/history"), three.at("/adv/history"));
    assertEquals(two.at("/base/clean_accuracy"), three.at("/base/clean_accuracy"),
        "the restored base model is the trained one");
  }

  @Test
  void resumeRefusesOtherSettingsOrFewerEpochs(@TempDir Path tmp) {
    String dir = tmp.resolve("out").toString();
    CliRun first = CliRun.of(TutorialCommandTest.args(TINY, "--epochs", "2", "--out", dir));
    assertEquals(0, first.exitCode(), first.err());

    CliRun other = CliRun.of(TutorialCommandTest.args(TINY, "--resume", "--epochs", "2",
        "--adv-step-size", "0.1", "--out", dir));
    assertEquals(2, other.exitCode());
    assertTrue(other.err().contains("adv_step_size 0.2 there, 0.1 now"), other.err());
    assertFalse(other.trained());

    CliRun fewer = CliRun.of(
        TutorialCommandTest.args(TINY, "--resume", "--epochs", "1", "--out", dir));
    assertEquals(2, fewer.exitCode());
    assertTrue(fewer.err().contains("more than --epochs 1"), fewer.err());
    assertFalse(fewer.trained());
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
