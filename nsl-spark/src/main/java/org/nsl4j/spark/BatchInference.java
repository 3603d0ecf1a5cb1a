package org.nsl4j.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SavedModelException;
import org.nsl4j.savedmodel.SignatureInfo;
import org.nsl4j.savedmodel.TensorSpec;
import org.tensorflow.Signature;

/**
 * Scores a DataFrame column of images with a SavedModel signature on Spark's executors, in
 * batches, each executor JVM loading the model once ({@link ExecutorModels}).
 *
 * <pre>{@code
 * Dataset<Row> scored = BatchInference.of("hdfs:///models/mnist_cnn")
 *     .inputColumn("image")            // array<float>, array<double>, or binary with 0..255 bytes
 *     .imageShape(28, 28, 1)           // optional where the signature knows it
 *     .batchSize(256)
 *     .transform(images);              // + prediction: int, scores: array<float>
 * BatchInference.of(path).register(spark, "mnist_predict");   // SQL: mnist_predict(image)
 * }</pre>
 *
 * <p>Everything is checked on the driver before a task runs (the model's path and {@code
 * saved_model.pb}, the signature, its input and output, the column's type and the image shape);
 * a failure inside a task names the partition and the example's index in it. Scores are what the
 * signature outputs (logits or probabilities); each example's scores are the same whatever the
 * partitioning. The settings are mutable; {@link #plan} takes a checked copy.
 */
public final class BatchInference {

  /** The default divisor of {@code binary} pixels: 0..255 to [0, 1], as {@code x / 255}. */
  public static final float DEFAULT_BYTE_DIVISOR = 255f;

  private final String modelPath;
  private List<String> tags = List.of(LoadedModel.SERVE);
  private String signature;
  private String inputKey;
  private String outputKey;
  private String inputColumn = "image";
  private long[] imageShape;
  private float byteDivisor = DEFAULT_BYTE_DIVISOR;
  private int batchSize = 256;
  private String predictionColumn = "prediction";
  private String scoresColumn = "scores";

  private BatchInference(String modelPath) {
    this.modelPath = modelPath;
  }

  /** Inference with the SavedModel directory at {@code modelPath} (any Hadoop path or URI). */
  public static BatchInference of(String modelPath) {
    return new BatchInference(modelPath);
  }

  /** The MetaGraph's tags (default {@code serve}). */
  public BatchInference tags(String... tags) {
    this.tags = List.of(tags);
    return this;
  }

  /** The signature to call (default {@code serving_default}, or the model's only one). */
  public BatchInference signature(String key) {
    this.signature = key;
    return this;
  }

  /** The signature input fed with the images (default: its only input). */
  public BatchInference inputKey(String key) {
    this.inputKey = key;
    return this;
  }

  /** The signature output giving the scores, {@code [batch, classes]} (default: its only one). */
  public BatchInference outputKey(String key) {
    this.outputKey = key;
    return this;
  }

  /** The column holding the images (default {@code image}). */
  public BatchInference inputColumn(String name) {
    this.inputColumn = name;
    return this;
  }

  /** The shape of one image, e.g. {@code 28, 28, 1} (default: from the signature). */
  public BatchInference imageShape(long... shape) {
    this.imageShape = shape.clone();
    return this;
  }

  /** What {@code binary} pixels 0..255 are divided by (default 255; 1 keeps them 0..255). */
  public BatchInference byteDivisor(float divisor) {
    this.byteDivisor = divisor;
    return this;
  }

  /** Images per signature call (default 256). */
  public BatchInference batchSize(int n) {
    this.batchSize = n;
    return this;
  }

  /** The name of the added predicted-class column (default {@code prediction}). */
  public BatchInference predictionColumn(String name) {
    this.predictionColumn = name;
    return this;
  }

  /** The name of the added scores column (default {@code scores}). */
  public BatchInference scoresColumn(String name) {
    this.scoresColumn = name;
    return this;
  }

  /**
   * {@code images} with two columns added: the predicted class (the index of the highest score)
   * and the signature's scores. Checks everything on the driver first; the rows keep their order.
   */
  public Dataset<Row> transform(Dataset<Row> images) {
    StructType schema = images.schema();
    for (String added : List.of(predictionColumn, scoresColumn)) {
      if (Arrays.asList(schema.fieldNames()).contains(added)) {
        throw new SparkInferenceException("the input already has a column '" + added
            + "'; name the output columns with predictionColumn/scoresColumn");
      }
    }
    SparkSession spark = images.sparkSession();
    ScoringPlan plan = plan(spark.sparkContext().hadoopConfiguration(), schema);
    StructType out = schema
        .add(predictionColumn, DataTypes.IntegerType, false)
        .add(scoresColumn, DataTypes.createArrayType(DataTypes.FloatType, false), false);
    return images.mapPartitions(
        new PartitionScorer(plan, schema.fieldIndex(inputColumn), broadcastConf(spark)),
        Encoders.row(out));
  }

  /**
   * Registers the SQL function {@code name(image)} returning {@code struct<prediction: int,
   * scores: array<float>>}: {@code SELECT name(image).prediction FROM digits}. Checks the model
   * and signature now; the argument's values are checked as the rows are scored. It scores one
   * row per call: use {@link #transform} for throughput.
   */
  public void register(SparkSession spark, String name) {
    ScoringPlan plan = plan(spark.sparkContext().hadoopConfiguration(), null);
    ScoringPlan argument = new ScoringPlan(plan.model(), plan.signature(), plan.inputKey(),
        plan.outputKey(), new ImageColumn(null, plan.column().shape(), byteDivisor),
        plan.batchSize());
    spark.udf().register(name, new PredictFunction(name, argument, broadcastConf(spark)),
        PredictFunction.RESULT);
  }

  /**
   * The checked plan: reads the model's {@code saved_model.pb} through {@code conf} and checks
   * the signature, its input and output, and (unless {@code schema} is null) the image column.
   */
  public ScoringPlan plan(Configuration conf, StructType schema) {
    if (batchSize < 1) {
      throw new SparkInferenceException("batch size must be at least 1, got " + batchSize);
    }
    if (!(byteDivisor > 0)) {
      throw new SparkInferenceException("byte divisor must be > 0, got " + byteDivisor);
    }
    ModelSource model = ModelSource.resolve(modelPath, tags, conf);
    Map<String, SignatureInfo> signatures;
    try {
      signatures = model.readInfo(conf).signatures(tags.toArray(String[]::new));
    } catch (SavedModelException e) {
      throw new SparkInferenceException("model path " + model.uri() + ": " + e.getMessage(), e);
    }
    SignatureInfo chosen = chooseSignature(model, signatures);
    TensorSpec input = only("input", inputKey, chosen.key(), chosen.inputs());
    TensorSpec output = only("output", outputKey, chosen.key(), chosen.outputs());
    checkOutput(chosen.key(), output);
    ImageColumn column =
        ImageColumn.forInput(inputColumn, imageShape, chosen.key(), input, byteDivisor);
    if (schema != null) {
      column.checkType(schema, chosen.key(), input);
    }
    return new ScoringPlan(model, chosen.key(), input.key(), output.key(), column, batchSize);
  }

  private SignatureInfo chooseSignature(ModelSource model, Map<String, SignatureInfo> all) {
    String key = signature;
    if (key == null) {
      key = all.containsKey(Signature.DEFAULT_KEY) || all.size() != 1
          ? Signature.DEFAULT_KEY : all.keySet().iterator().next();
    }
    SignatureInfo s = all.get(key);
    if (s == null) {
      throw new SparkInferenceException("no signature '" + key + "' in model path "
          + model.uri() + " (signatures: " + all.keySet() + ")");
    }
    return s;
  }

  private static TensorSpec only(
      String kind, String key, String signature, Map<String, TensorSpec> specs) {
    if (key != null) {
      TensorSpec spec = specs.get(key);
      if (spec == null) {
        throw new SparkInferenceException("signature '" + signature + "' has no " + kind + " '"
            + key + "' (" + kind + "s: " + specs.keySet() + ")");
      }
      return spec;
    }
    if (specs.size() != 1) {
      throw new SparkInferenceException("signature '" + signature + "' has " + kind + "s "
          + specs.keySet() + "; name the one to use (" + kind + "Key)");
    }
    return specs.values().iterator().next();
  }

  private static void checkOutput(String signature, TensorSpec output) {
    boolean float32 = output.dtype() == org.tensorflow.proto.DataType.DT_FLOAT;
    if (!float32 || (!output.shape().isUnknown() && output.shape().numDimensions() != 2)) {
      throw new SparkInferenceException("output '" + output.key() + "' " + output.describe()
          + " of signature '" + signature + "' is not float32 [batch, classes] scores");
    }
  }

  private static Broadcast<SerializableConfiguration> broadcastConf(SparkSession spark) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
  }
}
