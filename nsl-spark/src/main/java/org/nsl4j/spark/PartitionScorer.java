package org.nsl4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;
import org.nsl4j.savedmodel.LoadedModel;

/**
 * Scores one partition: reads {@code batchSize} rows at a time, runs the model of this JVM
 * ({@link ExecutorModels}) on them, and returns each row with its predicted class and scores
 * appended, in order. Rows are read lazily, so a partition is never held in memory whole.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

  private final ScoringPlan plan;
  private final int columnIndex;
  private final Broadcast<SerializableConfiguration> hadoopConf;

  PartitionScorer(ScoringPlan plan, int columnIndex,
      Broadcast<SerializableConfiguration> hadoopConf) {
    this.plan = plan;
    this.columnIndex = columnIndex;
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    TaskContext task = TaskContext.get();
    return new ScoredRows(rows, task != null ? task.partitionId() : 0);
  }

  private final class ScoredRows implements Iterator<Row> {

    private final Iterator<Row> input;
    private final int partition;
    private final float[] images;
    private final List<Row> batch = new ArrayList<>();
    private long first;
    private int next;

    ScoredRows(Iterator<Row> input, int partition) {
      this.input = input;
      this.partition = partition;
      this.images = new float[plan.batchSize() * plan.column().size()];
    }

    @Override
    public boolean hasNext() {
      if (next == batch.size() && input.hasNext()) {
        first += batch.size();
        scoreNextBatch();
      }
      return next < batch.size();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return batch.get(next++);
    }

    private void scoreNextBatch() {
      List<Row> rows = new ArrayList<>(plan.batchSize());
      int size = plan.column().size();
      while (rows.size() < plan.batchSize() && input.hasNext()) {
        Row row = input.next();
        try {
          plan.column().read(row.get(columnIndex), images, rows.size() * size);
        } catch (IllegalArgumentException e) {
          throw failure("example " + (first + rows.size()), e);
        }
        rows.add(row);
      }
      float[][] scores;
      try {
        scores = BatchScorer.score(model(), plan, images, rows.size());
      } catch (RuntimeException e) {
        throw failure("examples " + first + ".." + (first + rows.size() - 1), e);
      }
      batch.clear();
      next = 0;
      for (int i = 0; i < rows.size(); i++) {
        batch.add(withScores(rows.get(i), scores[i]));
      }
    }

    private LoadedModel model() {
      return ExecutorModels.get(plan.model(), hadoopConf.value().value());
    }

    private SparkInferenceException failure(String where, RuntimeException e) {
      return new SparkInferenceException(
          "partition " + partition + ", " + where + " of the partition: " + e.getMessage(), e);
    }
  }

  private static Row withScores(Row row, float[] scores) {
    Object[] values = new Object[row.length() + 2];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    values[row.length()] = BatchScorer.argmax(scores);
    values[row.length() + 1] = scores;
    return RowFactory.create(values);
  }
}
