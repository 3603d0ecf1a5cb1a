package org.nsl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Batch inference on two executor JVMs gives, example by example, exactly LoadedModel's
 * predictions and scores in one process, whatever the partitioning and the batch size, from a
 * binary or an array column, through the Dataset API and through SQL.
 */
@ExtendWith(TestSpark.class)
class BatchInferenceTest {

  private static Digits digits;

  @BeforeAll
  static void digits() throws IOException {
    digits = Digits.first(600);
  }

  @Test
  void equalsLoadedModelWhateverThePartitioning() {
    SparkSession spark = TestSpark.session();
    String model = Digits.model().toString();
    // One partition; four of 150 rows in batches of 149 (each last batch holds one row); seven.
    int[][] layouts = {{1, 256}, {4, 149}, {7, 64}};
    for (int[] layout : layouts) {
      Dataset<Row> scored = BatchInference.of(model).batchSize(layout[1])
          .transform(digits.frame(spark, layout[0]));
      digits.assertScored(scored.select("id", "prediction", "scores").collectAsList(),
          "partitions " + layout[0] + ", batch " + layout[1]);
    }
  }

  @Test
  void arrayColumnScoresAsTheBinaryOne() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> scored = BatchInference.of(Digits.model().toString()).inputColumn("pixels")
        .predictionColumn("digit").scoresColumn("probabilities")
        .transform(digits.frame(spark, 3));
    digits.assertScored(scored.select("id", "digit", "probabilities").collectAsList(),
        "array<float> column");
    assertEquals(List.of("id", "image", "pixels", "digit", "probabilities"),
        List.of(scored.columns()));
  }

  @Test
  void sqlFunctionScoresAsTransform() {
    SparkSession spark = TestSpark.session();
    BatchInference.of(Digits.model().toString()).register(spark, "mnist_predict");
    digits.frame(spark, 2).filter("id < 40").createOrReplaceTempView("digits");
    List<Row> rows = spark.sql("SELECT id, r.prediction, r.scores FROM"
        + " (SELECT id, mnist_predict(image) AS r FROM digits) ORDER BY id").collectAsList();
    digits.assertScored(rows, 40, "SQL function");
  }

  @Test
  void modelOnAnotherFileSystemIsCopiedAndLoadedOncePerExecutorJvm() {
    SparkSession spark = TestSpark.session();
    String uri = TestSpark.ALIAS_SCHEME + "://" + Digits.model().toAbsolutePath();
    ModelSource source =
        ModelSource.resolve(uri, List.of("serve"), spark.sparkContext().hadoopConfiguration());
    assertFalse(source.isLocal(spark.sparkContext().hadoopConfiguration()));
    Dataset<Row> scored = BatchInference.of(uri).batchSize(50).transform(digits.frame(spark, 8));
    digits.assertScored(scored.select("id", "prediction", "scores").orderBy("id")
        .collectAsList(), "model read through " + TestSpark.ALIAS_SCHEME + ":");
    // In the same stage as the scoring: each task reports its JVM and how often it loaded.
    MapPartitionsFunction<Row, String> loads = rows -> {
      rows.forEachRemaining(r -> { });
      return List.of(ManagementFactory.getRuntimeMXBean().getName() + " "
          + ExecutorModels.loads(source.uri())).iterator();
    };
    List<String> perTask = scored.mapPartitions(loads, Encoders.STRING()).collectAsList();
    assertEquals(8, perTask.size());
    Map<String, String> perJvm = new HashMap<>();
    for (String task : perTask) {
      String[] jvmAndLoads = task.split(" ");
      perJvm.put(jvmAndLoads[0], jvmAndLoads[1]);
      assertEquals("1", jvmAndLoads[1], "each JVM loads the model once: " + perTask);
    }
    assertTrue(perJvm.size() <= 2, "two executor JVMs: " + perJvm);
  }
}
