package org.nsl4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.Main;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.spark.TestSpark;
import picocli.CommandLine;

/**
 * nsl-spark-evaluate on two executor JVMs writes evaluate-savedmodel's report and picture, and
 * refuses bad input on the driver with one message and exit code 2.
 */
@ExtendWith(TestSpark.class)
class EvaluateCommandTest {

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    TestSpark.session();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = EvaluateCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String model(String name) {
    return SharedFixtures.savedModel(name).toString();
  }

  @Test
  void writesTheReportAndPictureOfEvaluateSavedModel(@TempDir Path dir) throws Exception {
    String[] common = {"--model", model("mnist_cnn_tf2_0_logits"), "--attack", "fgsm", "--eps",
        "0.2", "--test-limit", "120", "--batch-size", "50"};
    Path spark = dir.resolve("spark");
    Path local = dir.resolve("local");
    Run r = run(concat(common, "--master", TestSpark.MASTER, "--partitions", "3", "--out",
        spark.toString()));
    assertEquals(0, r.code(), r.err());
    CommandLine examples = Main.commandLine();
    assertEquals(0, examples.execute(concat(new String[] {"evaluate-savedmodel"},
        concat(common, "--out", local.toString()))));
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(spark.resolve("report.json").toFile());
    JsonNode b = json.readTree(local.resolve("report.json").toFile());
    assertEquals("white-box", a.get("mode").asText());
    for (String key : new String[] {"clean_accuracy", "perturbed_accuracy", "attack_params",
        "data", "signature", "rebuild_check"}) {
      assertEquals(b.get(key), a.get(key), key);
    }
    assertEquals(3, a.get("spark").get("partitions").asInt());
    assertEquals(2, a.get("spark").get("executors").asInt());
    assertArrayEquals(Files.readAllBytes(local.resolve("perturbed_examples.png")),
        Files.readAllBytes(spark.resolve("perturbed_examples.png")), "the same picture");
  }

  @Test
  void badInputFailsOnTheDriverWithOneMessage(@TempDir Path dir) {
    String out = dir.resolve("out").toString();
    Run missing = run("--master", TestSpark.MASTER, "--model", dir.resolve("nope").toString(),
        "--out", out);
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--model " + dir.resolve("nope") + " does not exist"),
        missing.err());
    Run signature = run("--master", TestSpark.MASTER, "--model", model("mnist_cnn_tf2_0_logits"),
        "--signature", "no_such", "--test-limit", "10", "--out", out);
    assertEquals(2, signature.code());
    assertTrue(signature.err().contains("no_such"), signature.err());
    Run noGradients = run("--master", TestSpark.MASTER, "--model",
        model("mnist_softmax_tf1_11"), "--attack", "fgsm", "--test-limit", "10", "--out", out);
    assertEquals(2, noGradients.code());
    assertTrue(noGradients.err().contains("--attack fgsm needs gradients, but --model "),
        noGradients.err());
    assertEquals(1, noGradients.err().lines().count(), noGradients.err());
    assertTrue(!Files.exists(dir.resolve("out").resolve("report.json")));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
