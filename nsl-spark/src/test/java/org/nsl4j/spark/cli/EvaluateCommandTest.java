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
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.Main;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Idx;
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

  /** The first {@code n} test digits as Parquet: binary pixels, an int label, a string. */
  private static Path parquet(Path dir, int n) throws Exception {
    Path mnist = SharedFixtures.mnistTest();
    FeatureArray images = Idx.readImages(mnist.resolve("t10k-images-idx3-ubyte.gz"));
    long[] labels = Idx.readLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz")).longs();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] pixels = new byte[784];
      for (int j = 0; j < 784; j++) {
        pixels[j] = (byte) images.floats()[i * 784 + j];
      }
      rows.add(RowFactory.create(pixels, (int) labels[i], "digit " + i));
    }
    StructType schema = new StructType().add("pixels", DataTypes.BinaryType)
        .add("digit", DataTypes.IntegerType).add("name", DataTypes.StringType);
    Path out = dir.resolve("digits.parquet");
    TestSpark.session().createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
    return out;
  }

  @Test
  void evaluatesParquetAsTheSameDigitsFromIdx(@TempDir Path dir) throws Exception {
    Path digits = parquet(dir, 60);
    String[] common = {"--model", model("mnist_cnn_tf2_0_logits"), "--attack", "fgsm",
        "--master", TestSpark.MASTER};
    Path fromParquet = dir.resolve("parquet");
    Run r = run(concat(common, "--parquet", digits.toString(), "--image-column", "pixels",
        "--label-column", "digit", "--out", fromParquet.toString()));
    assertEquals(0, r.code(), r.err());
    Path fromIdx = dir.resolve("idx");
    assertEquals(0, run(concat(common, "--test-limit", "60", "--out", fromIdx.toString())).code());
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(fromParquet.resolve("report.json").toFile());
    JsonNode b = json.readTree(fromIdx.resolve("report.json").toFile());
    assertEquals(60, a.get("data").get("test_size").asInt());
    assertEquals(b.get("clean_accuracy"), a.get("clean_accuracy"));
    assertEquals(b.get("perturbed_accuracy"), a.get("perturbed_accuracy"));
    Run wrongType = run(concat(common, "--parquet", digits.toString(), "--image-column", "name",
        "--label-column", "digit", "--out", dir.resolve("bad").toString()));
    assertEquals(2, wrongType.code());
    assertTrue(wrongType.err().contains("column 'name' of --parquet " + digits + " is string;"
        + " expected binary (784 bytes 0..255)"), wrongType.err());
    Run wrongShape = run(concat(common, "--parquet", digits.toString(), "--image-column",
        "pixels", "--label-column", "digit", "--image-shape", "32,32,1", "--out",
        dir.resolve("bad").toString()));
    assertEquals(2, wrongShape.code());
    assertTrue(wrongShape.err().contains("row 0: column 'pixels' has 784 bytes; expected 1024"),
        wrongShape.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
