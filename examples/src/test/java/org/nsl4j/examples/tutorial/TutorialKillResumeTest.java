package org.nsl4j.examples.tutorial;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.Main;
import org.nsl4j.examples.reports.Reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * A tutorial run killed with SIGKILL after an epoch's checkpoint, then resumed with {@code
 * --resume}, ends with exactly what an uninterrupted run trains: the same bytes in every
 * checkpoint (weights and optimizer slots) and the same history, and without the temporary
 * files and folders the kill left. Each run has its own JVM.
 */
class TutorialKillResumeTest {

  private static final List<String> TINY = List.of("tutorial", "--train-limit", "320",
      "--test-limit", "64", "--curve-eps", "0,0.1", "--curve-limit", "16",
      "--curve-pgd-iterations", "1", "--epochs", "3");

  /** The tutorial in a new JVM with {@code args}; stdout and stderr go to {@code log}. */
  private static Process start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(TINY);
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  private static String run(Path log, String... args) throws Exception {
    Process p = start(log, List.of(args));
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the tutorial did not finish");
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /** Waits until the {@code adv} phase has backed up its first epoch, then kills the JVM. */
  private static void killAfterFirstAdvEpoch(Path out, Path log) throws Exception {
    Process p = start(log, List.of("--out", out.toString()));
    Path manifest = out.resolve("checkpoints/adv/backup.json");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!(Files.exists(manifest)
        && Files.readString(manifest).contains("\"epochs_done\" : 1"))) {
      assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(log));
      assertTrue(System.nanoTime() < deadline, "no adv checkpoint appeared");
      Thread.sleep(10);
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
  }

  @Test
  void aKilledRunResumesToExactlyTheUninterruptedOne(@TempDir Path tmp) throws Exception {
    Path whole = tmp.resolve("whole");
    run(tmp.resolve("whole.log"), "--out", whole.toString());
    Path killed = tmp.resolve("killed");
    killAfterFirstAdvEpoch(killed, tmp.resolve("killed.log"));
    assertFalse(Files.exists(killed.resolve(Reports.FILE_NAME)));

    // what a kill in the middle of writes leaves, and a file of someone else's
    Files.createDirectories(killed.resolve("models/.adv.export-123/variables"));
    Files.createFile(killed.resolve("models/.adv.export-123/saved_model.pb"));
    Files.createFile(killed.resolve("report.json456.tmp"));
    Files.createFile(killed.resolve("checkpoints/state.json789.tmp"));
    Files.writeString(killed.resolve("models/notes.txt"), "mine");

    String resumed = run(tmp.resolve("resumed.log"), "--resume", "--out", killed.toString());
    assertTrue(resumed.contains("note: removed [report.json456.tmp, models/.adv.export-123]"),
        resumed);
    assertFalse(Files.exists(killed.resolve("models/.adv.export-123")));
    assertFalse(Files.exists(killed.resolve("report.json456.tmp")));
    assertEquals("mine", Files.readString(killed.resolve("models/notes.txt")));
    assertTrue(resumed.contains("Base model: 3/3 epochs already done"), resumed);
    assertTrue(resumed.matches("(?s).*Adversarially regularized model.*: resuming after epoch"
        + " [12]/3.*"), resumed);

    JsonNode expected = TutorialCommandTest.report(whole);
    JsonNode actual = TutorialCommandTest.report(killed);
    for (String model : List.of("base", "adv")) {
      assertEquals(expected.at("/" + model + "/history"), actual.at("/" + model + "/history"),
          model + " history");
      assertEquals(expected.at("/" + model + "/clean_evaluation"),
          actual.at("/" + model + "/clean_evaluation"), model);
      for (String file : List.of("checkpoint.index", "checkpoint.data-00000-of-00001")) {
        // a TensorFlow checkpoint's bytes are a function of its tensors' names, shapes and values
        Path name = Path.of("checkpoints", model, "epoch-3", file);
        assertArrayEquals(Files.readAllBytes(whole.resolve(name)),
            Files.readAllBytes(killed.resolve(name)), model + " " + file);
      }
    }
    try (Stream<Path> files = Files.walk(killed.resolve("checkpoints"))) {
      List<String> stale = files.map(Path::toString)
          .filter(f -> f.endsWith(".tmp") || f.contains(".partial")).toList();
      assertEquals(List.of(), stale, "what the kill left is removed");
    }
  }
}
