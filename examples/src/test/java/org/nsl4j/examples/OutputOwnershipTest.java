package org.nsl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.tutorial.BaseModel;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.keras.io.OutputDirectory;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.savedmodel.ModelExporter;

/**
 * Every command that writes refuses an output directory holding others' files before any work,
 * leaving them byte for byte; with {@code --overwrite} it writes its outputs and the others'
 * files are still there, unchanged. The runs with {@code --overwrite} also ask for a batch far
 * larger than the data, which is clamped with one warning.
 */
class OutputOwnershipTest {

  private static final String HUGE_BATCH = "1000000000";

  @TempDir static Path shared;
  @TempDir Path tmp;
  private static Path model;

  /** The tutorial CNN, untrained, exported once for evaluate-savedmodel. */
  @BeforeAll
  static void exportModel() throws IOException {
    model = shared.resolve("model");
    try (Model cnn = BaseModel.build(new HParams())) {
      ModelExporter.export(cnn, model);
    }
  }

  /** Writes someone's files under {@code dir}; returns path → content of every file there. */
  private static Map<String, String> foreign(Path dir, String... files) throws IOException {
    for (String f : files) {
      Files.createDirectories(dir.resolve(f).getParent());
      Files.writeString(dir.resolve(f), "someone's " + f + "\n");
    }
    return contents(dir);
  }

  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return m;
  }

  private static CliRun run(Path out, String command, List<String> flags, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--out", out.toString()));
    args.addAll(flags);
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** Refused with exit code 2 before any work, naming --out and the first foreign entry. */
  private static void assertRefused(CliRun run, Path out, String firstForeign) {
    assertEquals(2, run.exitCode(), run.err());
    assertFalse(run.trained(), "no training may start: " + run.out());
    assertTrue(run.err().startsWith("error: --out " + out + " holds files that "), run.err());
    assertTrue(run.err().contains("(" + firstForeign), run.err());
    assertTrue(run.err().contains("add --overwrite"), run.err());
  }

  /** What was there is still there, byte for byte, but for the outputs listed. */
  private static void assertKept(Map<String, String> before, Path out, String... replaced)
      throws IOException {
    Map<String, String> now = contents(out);
    before.forEach((f, content) -> {
      if (!List.of(replaced).contains(f)) {
        assertEquals(content, now.get(f), f + " must be left as it was");
      }
    });
  }

  private static final List<String> TUTORIAL = List.of("--train-limit", "64", "--test-limit",
      "32", "--epochs", "1", "--curve-eps", "0", "--curve-limit", "8",
      "--curve-pgd-iterations", "1");

  @Test
  void tutorialRefusesOthersFilesAndKeepsThemWithOverwrite() throws IOException {
    Path out = tmp.resolve("out");
    Map<String, String> before = foreign(out, "checkpoints/mine.txt",
        "checkpoints/base/keep.txt", "models/adv/notes.txt", "report.json");
    assertRefused(run(out, "tutorial", TUTORIAL), out, "checkpoints/");
    assertEquals(before, contents(out), "nothing changed");

    CliRun ok = run(out, "tutorial", TUTORIAL, "--overwrite", "--batch-size", HUGE_BATCH);
    assertEquals(0, ok.exitCode(), ok.err());
    assertEquals(1, ok.out().split("warning: --batch-size 1000000000 is larger than the 64"
        + " training examples; using 64", -1).length - 1, ok.out());
    assertKept(before, out, "report.json");
    assertTrue(Files.readString(out.resolve("report.json")).contains("\"hparams\""));
    assertTrue(Files.exists(out.resolve("models/adv/saved_model.pb")));
    assertTrue(Files.exists(out.resolve(OutputDirectory.MANIFEST)));
  }

  @Test
  void evaluateSavedModelRefusesOthersFilesAndKeepsThemWithOverwrite() throws IOException {
    Path out = tmp.resolve("eval");
    Map<String, String> before = foreign(out, "perturbed_examples.png", "notes/a.txt");
    List<String> flags = List.of("--model", model.toString(), "--test-limit", "16",
        "--attack", "fgsm");
    assertRefused(run(out, "evaluate-savedmodel", flags), out, "notes/");
    assertEquals(before, contents(out), "nothing changed");

    CliRun ok = run(out, "evaluate-savedmodel", flags, "--overwrite", "--batch-size", HUGE_BATCH);
    assertEquals(0, ok.exitCode(), ok.err());
    assertTrue(ok.out().contains("warning: --batch-size 1000000000 is larger than the 16 test"
        + " images; using 16"), ok.out());
    assertKept(before, out, "perturbed_examples.png");
    assertTrue(Files.size(out.resolve("perturbed_examples.png")) > 1000, "the PNG is written");
    assertTrue(Files.exists(out.resolve("report.json")));
  }

  @Test
  void hardenNeverDeletesAModelFolderThatHeldNoModel() throws IOException {
    Path keras = SharedFixtures.savedModel("mnist_cnn_tf2_11");
    Path out = tmp.resolve("hardened");
    Map<String, String> before = foreign(out, "model/notes.txt");
    List<String> flags = List.of("--model", keras.toString(), "--train-limit", "64",
        "--test-limit", "32", "--epochs", "1");
    assertRefused(run(out, "harden", flags), out, "model/");
    assertEquals(before, contents(out), "nothing changed");

    CliRun ok = run(out, "harden", flags, "--overwrite", "--batch-size", HUGE_BATCH);
    assertEquals(0, ok.exitCode(), ok.err());
    assertTrue(ok.out().contains("warning: --batch-size 1000000000 is larger than the 64"
        + " training examples; using 64"), ok.out());
    assertKept(before, out);
    assertTrue(Files.exists(out.resolve("model/saved_model.pb")));
  }

  @Test
  void trainBaseChecksItsReportFileBeforeTraining() throws IOException {
    Path existing = Files.writeString(tmp.resolve("report.json"), "someone's report");
    CliRun run = CliRun.of("train-base", "--report", existing.toString(), "--train-limit", "64");
    assertEquals(2, run.exitCode(), run.err());
    assertFalse(run.trained(), run.out());
    assertTrue(run.err().contains("--report " + existing + " already exists and was not"
        + " replaced; give another file, or add --overwrite"), run.err());
    assertEquals("someone's report", Files.readString(existing));

    run = CliRun.of("train-base", "--report", tmp.toString(), "--train-limit", "64");
    assertEquals(2, run.exitCode(), run.err());
    assertFalse(run.trained(), run.out());
    assertTrue(run.err().contains("--report " + tmp + " is a directory; give a file path"),
        run.err());
  }
}
