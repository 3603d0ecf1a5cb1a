package org.nsl4j.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An executor JVM that dies in the middle of scoring (halted by its task, after the model was
 * loaded and some rows scored) loses its task: Spark runs it again on another executor, every
 * example's prediction and scores are still LoadedModel's, and the standalone master starts a new
 * executor in place of the lost one.
 */
@ExtendWith(TestSpark.class)
class ExecutorLossTest {

  /** Passes rows through; halts the JVM after {@code rows} rows of one partition's 1st attempt. */
  private record HaltOnFirstAttempt(int partition, int rows)
      implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      return ExecutorKills.haltOnFirstAttempt(input, partition, rows);
    }
  }

  private static final class ExecutorLosses extends SparkListener {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.reason() instanceof ExecutorLostFailure) {
        count.incrementAndGet();
      }
    }
  }

  @Test
  void killedExecutorsTasksAreRetriedAndTheResultIsUnchanged() throws Exception {
    SparkSession spark = TestSpark.session();
    Digits digits = Digits.first(400);
    ExecutorLosses losses = new ExecutorLosses();
    spark.sparkContext().addSparkListener(losses);
    try {
      Dataset<Row> input = digits.frame(spark, 4);
      Dataset<Row> dying =
          input.mapPartitions(new HaltOnFirstAttempt(2, 40), Encoders.row(input.schema()));
      List<Row> rows = BatchInference.of(Digits.model().toString()).batchSize(32)
          .transform(dying).select("id", "prediction", "scores").collectAsList();
      digits.assertScored(rows, "after an executor was lost");
      for (int i = 0; i < 100 && losses.count.get() == 0; i++) {
        Thread.sleep(100);
      }
      assertTrue(losses.count.get() > 0, "a task was lost with its executor and run again");
      LocalClusters.awaitExecutors(spark, 2, Duration.ofSeconds(120)); // the master replaced it
    } finally {
      spark.sparkContext().removeSparkListener(losses);
    }
  }
}
