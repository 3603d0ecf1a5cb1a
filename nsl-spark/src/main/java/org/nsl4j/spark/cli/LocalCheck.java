package org.nsl4j.spark.cli;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.spark.BatchScorer;
import org.nsl4j.spark.ExecutorModels;
import org.nsl4j.spark.ScoringPlan;

/**
 * Scores the same images with {@link LoadedModel} in the driver, one process, and compares each
 * example's prediction and scores with Spark's: the single-process reference and its throughput.
 */
final class LocalCheck {

  /** What the check found. */
  record Result(int images, double seconds, int samePredictions, int sameScores) {

    boolean identical() {
      return samePredictions == images && sameScores == images;
    }

    String describe() {
      return String.format("local check (LoadedModel in the driver): %d images in %.2f s (%.0f"
              + " images/s); identical predictions %d/%d, identical scores %d/%d", images,
          seconds, images / seconds, samePredictions, images, sameScores, images);
    }
  }

  private LocalCheck() {}

  /**
   * Compares {@code scored} (id, prediction, scores) with the model run in this JVM on {@code
   * input}'s images, matched by {@code idColumn}.
   */
  static Result run(SparkSession spark, ScoringPlan plan, Dataset<Row> input, String idColumn,
      Dataset<Row> scored, String predictionColumn, String scoresColumn) {
    List<Row> images = input.select(idColumn, plan.column().name()).orderBy(idColumn)
        .collectAsList();
    List<Row> scoredRows = scored.select(idColumn, predictionColumn, scoresColumn).orderBy(idColumn)
        .collectAsList();
    int n = images.size();
    int size = plan.column().size();
    float[] values = new float[n * size];
    for (int i = 0; i < n; i++) {
      plan.column().read(images.get(i).get(1), values, i * size);
    }
    long[] shape = new long[plan.column().shape().length + 1];
    shape[0] = n;
    System.arraycopy(plan.column().shape(), 0, shape, 1, shape.length - 1);
    LoadedModel model =
        ExecutorModels.get(plan.model(), spark.sparkContext().hadoopConfiguration());
    long start = System.nanoTime();
    FeatureArray out = model.call(plan.signature(),
        Map.of(plan.inputKey(), FeatureArray.ofFloats(values, shape)), plan.batchSize())
        .get(plan.outputKey());
    double seconds = (System.nanoTime() - start) / 1e9;
    return compare(out, scoredRows, n, seconds);
  }

  private static Result compare(FeatureArray local, List<Row> spark, int n, double seconds) {
    int classes = local.rowSize();
    int samePredictions = 0;
    int sameScores = 0;
    for (int i = 0; i < Math.min(n, spark.size()); i++) {
      float[] row = new float[classes];
      System.arraycopy(local.floats(), i * classes, row, 0, classes);
      List<Float> theirs = spark.get(i).getList(2);
      boolean same = theirs.size() == classes;
      for (int c = 0; same && c < classes; c++) {
        same = Float.floatToIntBits(row[c]) == Float.floatToIntBits(theirs.get(c));
      }
      samePredictions += BatchScorer.argmax(row) == spark.get(i).getInt(1) ? 1 : 0;
      sameScores += same ? 1 : 0;
    }
    return new Result(n, seconds, samePredictions, sameScores);
  }
}
