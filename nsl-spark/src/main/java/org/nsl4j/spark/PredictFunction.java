package org.nsl4j.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The Spark SQL function of a plan: one image in, {@code struct<prediction: int, scores:
 * array<float>>} out, with the model of this JVM ({@link ExecutorModels}). Spark calls it row by
 * row, so every call runs the signature on one image: simple in SQL, but for throughput score a
 * whole column with {@link BatchInference#transform}, which batches. Results equal the batched
 * ones.
 */
final class PredictFunction implements UDF1<Object, Row> {

  /** What the function returns. */
  static final StructType RESULT = new StructType()
      .add("prediction", DataTypes.IntegerType, false)
      .add("scores", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private final String name;
  private final ScoringPlan plan;
  private final Broadcast<SerializableConfiguration> hadoopConf;
  private transient long calls;

  PredictFunction(String name, ScoringPlan plan, Broadcast<SerializableConfiguration> hadoopConf) {
    this.name = name;
    this.plan = plan;
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Row call(Object image) {
    long call = calls++;
    float[] values = new float[plan.column().size()];
    try {
      plan.column().read(image, values, 0);
      float[] scores = BatchScorer.score(
          ExecutorModels.get(plan.model(), hadoopConf.value().value()), plan, values, 1)[0];
      return RowFactory.create(BatchScorer.argmax(scores), scores);
    } catch (RuntimeException e) {
      TaskContext task = TaskContext.get();
      throw new SparkInferenceException(
          "function " + name + ": partition " + (task != null ? task.partitionId() : 0)
              + ", example " + call + " of those it scored in the partition: " + e.getMessage(),
          e);
    }
  }
}
