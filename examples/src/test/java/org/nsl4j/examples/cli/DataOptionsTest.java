package org.nsl4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.Main;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Idx;
import org.nsl4j.keras.datasets.MnistData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Where the command line takes its digits from when no flag says. */
class DataOptionsTest {

  @TempDir Path tmp;

  /**
   * Runs the jar's main class in a new JVM whose working directory is {@code work} and whose
   * home is an empty directory, as on a user's machine; returns its output.
   */
  private String runInNewJvm(Path work, String... args) throws IOException, InterruptedException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    Path log = tmp.resolve("jvm.log");
    Process process = new ProcessBuilder(command).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the run did not end");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  void defaultTestSetIsTheEmbeddedTenThousandEvenWithASharedFolderBeside() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("project"));
    Path shared = Files.createDirectories(tmp.resolve("shared/data/mnist"));
    Idx.writeImages(shared.resolve("t10k-images-idx3-ubyte.gz"),
        FeatureArray.ofFloats(new float[3 * 28 * 28], 3, 28, 28, 1), true);
    Idx.writeLabels(shared.resolve("t10k-labels-idx1-ubyte.gz"),
        FeatureArray.ofLongs(new long[3], 3), true);
    Path report = tmp.resolve("report.json");
    String output = runInNewJvm(work, "train-base", "--epochs", "0", "--train-limit", "32",
        "--report", report.toString());

    JsonNode data = Reports.json().readTree(report.toFile()).get("data");
    assertEquals(32, data.get("train_size").asInt(), output);
    assertEquals(10_000, data.get("test_size").asInt(), output);
    assertTrue(data.get("train_source").asText().startsWith(
        "MNIST embedded in org.nsl4j:nsl-datasets: train-images-idx3-ubyte.gz"), output);
    assertEquals("MNIST embedded in org.nsl4j:nsl-datasets: t10k-images-idx3-ubyte.gz,"
        + " t10k-labels-idx1-ubyte.gz (10,000 images, 28x28, SHA-256 verified)",
        data.get("test_source").asText(), output);
  }

  @Test
  void trainLimitLargerThanTheDataUsesAllOfIt() throws IOException {
    DataOptions options = new DataOptions();
    options.trainLimit = 70_000;
    options.testLimit = 10;
    MnistData data = options.load();
    assertEquals(60_000, data.train().rows());
    assertTrue(data.trainSource().description().endsWith(
        "; trainLimit 70,000 is more than the 60,000 there are: all used"),
        data.trainSource().description());
  }
}
