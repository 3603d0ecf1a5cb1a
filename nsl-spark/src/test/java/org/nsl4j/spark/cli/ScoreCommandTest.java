package org.nsl4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.spark.Digits;
import org.nsl4j.spark.TestSpark;
import picocli.CommandLine;

/**
 * The command line on the tests' two executor JVMs: IDX and Parquet input, the Parquet output and
 * its accuracy, the comparison with LoadedModel in the driver, and one-line errors (exit code 2).
 */
@ExtendWith(TestSpark.class)
class ScoreCommandTest {

  @TempDir Path tmp;

  private static Digits digits;

  private record Outcome(int exitCode, String out, String err) {}

  @BeforeAll
  static void digits() throws IOException {
    digits = Digits.first(300);
  }

  private static Outcome score(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ScoreCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static List<String> args(String... args) {
    List<String> all = new ArrayList<>(List.of("--model", Digits.model().toString(),
        "--master", TestSpark.MASTER));
    all.addAll(List.of(args));
    return all;
  }

  private static Outcome scoreWith(String... args) {
    return score(args(args).toArray(String[]::new));
  }

  @Test
  void scoresIdxFilesAsLoadedModelDoes() {
    SparkSession spark = TestSpark.session();
    Path output = tmp.resolve("scores");
    Outcome o = scoreWith("--input", SharedFixtures.mnistTest().toString(), "--limit", "300",
        "--partitions", "3", "--output", output.toString(), "--check-local");
    assertEquals(0, o.exitCode, o.out + o.err);
    assertTrue(o.out.contains("identical predictions 300/300, identical scores 300/300"), o.out);
    assertTrue(o.out.contains("accuracy: "), o.out);
    assertEquals(List.of("id", "label", "prediction", "scores"),
        List.of(spark.read().parquet(output.toString()).columns()));
    digits.assertScored(spark.read().parquet(output.toString())
        .select("id", "prediction", "scores").collectAsList(), "CLI on IDX files");
  }

  @Test
  void scoresParquetWithAnArrayColumn() {
    SparkSession spark = TestSpark.session();
    Path input = tmp.resolve("digits.parquet");
    digits.frame(spark, 2).select("id", "pixels").write().parquet(input.toString());
    Path output = tmp.resolve("scores");
    Outcome o = scoreWith("--input", input.toString(), "--image-column", "pixels",
        "--output", output.toString());
    assertEquals(0, o.exitCode, o.out + o.err);
    assertFalse(o.out.contains("accuracy"), "no label column: " + o.out);
    digits.assertScored(spark.read().parquet(output.toString()).collectAsList(),
        "CLI on Parquet");
  }

  @Test
  void badInputIsOneLineWithExitCode2() throws IOException {
    TestSpark.session();
    Path output = Files.createDirectories(tmp.resolve("taken"));
    String idx = SharedFixtures.mnistTest().toString();
    assertError(scoreWith("--input", idx, "--output", output.toString()),
        "error: --output " + output + " exists; pass --overwrite to replace it");
    assertError(score("--model", tmp.resolve("none").toString(), "--master", TestSpark.MASTER,
        "--input", idx, "--output", tmp.resolve("o1").toString()),
        "error: model path file:" + tmp.resolve("none") + " does not exist");
    assertError(scoreWith("--input", tmp.resolve("nothing").toString(), "--output",
        tmp.resolve("o2").toString()), "error: --input " + tmp.resolve("nothing")
        + " does not exist");
    assertError(scoreWith("--input", idx, "--batch-size", "0", "--output",
        tmp.resolve("o3").toString()), "error: --batch-size, --repeat, --limit and --partitions"
        + " must be at least 1");
    assertError(score("--model", Digits.model().toString(), "--input", idx, "--output",
        tmp.resolve("o4").toString()), "error: --master is required outside spark-submit");
  }

  @Test
  void failingRowIsNamedByPartitionAndExample() {
    SparkSession spark = TestSpark.session();
    Path input = tmp.resolve("short.parquet");
    spark.sql("SELECT CAST(id AS BIGINT) AS id, IF(id = 1, array_repeat(CAST(0 AS FLOAT), 10),"
        + " array_repeat(CAST(0 AS FLOAT), 784)) AS image FROM range(3)").coalesce(1)
        .write().parquet(input.toString());
    assertError(scoreWith("--input", input.toString(), "--output",
        tmp.resolve("o").toString()), "error: partition 0, example 1 of the partition: column"
        + " 'image' has 10 values; expected 784 for one image of shape [28,28,1]");
  }

  private static void assertError(Outcome o, String expectedStart) {
    assertEquals(2, o.exitCode, o.out + o.err);
    String err = o.err.strip();
    assertTrue(err.startsWith(expectedStart), "expected '" + expectedStart + "', got: " + err);
    assertFalse(err.contains("\n"), "one line: " + err);
  }
}
