package org.nsl4j.spark.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.nsl4j.examples.savedmodel.EvaluationBackend;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.spark.ExecutorModels;
import org.nsl4j.spark.ModelSource;
import org.nsl4j.spark.SparkInferenceException;

/**
 * evaluate-savedmodel's evaluation on Spark: the test images go to the executors in partitions
 * (no shuffle), every executor JVM rebuilds the classifiers the command chose on the driver, and
 * the driver gathers each example's clean and attacked predictions, in test-set order, for the
 * command's own report. Checked on the driver before the job: the model is a SavedModel directory
 * every executor can read, and a gradient attack has gradients (white-box or transfer).
 */
public final class SparkEvaluation implements EvaluationBackend {

  static final String WHITE_BOX = "white-box";
  static final String BLACK_BOX = "black-box";
  static final String TRANSFER = "transfer";

  private final SparkSession spark;
  private final Integer partitions;
  private final Map<String, Object> details = new LinkedHashMap<>();

  /** Runs on {@code spark} in {@code partitions} (null: Spark's default parallelism). */
  public SparkEvaluation(SparkSession spark, Integer partitions) {
    this.spark = spark;
    this.partitions = partitions;
  }

  @Override
  public Scored score(Setup setup, FeatureArray x, long[] y, int shown) {
    EvaluationSpec spec = spec(setup, shown);
    int slices = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
    details.put("master", spark.sparkContext().master());
    details.put("executors", spark.sparkContext().getExecutorMemoryStatus().size() - 1);
    details.put("partitions", slices);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    PartitionEvaluator.Timers timers = timers(jsc);
    long start = System.nanoTime();
    List<Outcome> outcomes = run(spec, jsc.parallelize(examples(x, y), slices), timers);
    details.put("job_seconds", (System.nanoTime() - start) / 1e9);
    details.put("executor_setup_seconds", timers.setupMillis().sum() / 1e3);
    details.put("executor_evaluation_seconds", timers.evaluationMillis().sum() / 1e3);
    return gather(outcomes, x, y.length, shown);
  }

  /**
   * Starts loading the SavedModel at {@code model} in every registered executor, in the
   * background, so that their TensorFlow and model loads overlap the driver's own work; does
   * nothing for a path the driver cannot resolve, and leaves any failure to the evaluation job.
   */
  public static void preload(SparkSession spark, Path model) {
    int executors = spark.sparkContext().getExecutorMemoryStatus().size() - 1;
    ModelSource source;
    try {
      source = ModelSource.resolve(model.toAbsolutePath().toString(),
          List.of(LoadedModel.SERVE), spark.sparkContext().hadoopConfiguration());
    } catch (SparkInferenceException e) {
      return;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    var conf = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < Math.max(executors, 1); i++) {
      slots.add(i);
    }
    jsc.parallelize(slots, slots.size()).foreachAsync(i -> {
      try {
        ExecutorModels.get(source, conf.value().value());
      } catch (RuntimeException e) {
        // the evaluation job loads the model again and reports the failure
      }
    });
  }

  /** Records {@code value} under {@code key} in the report's {@code spark} section. */
  public void detail(String key, Object value) {
    details.put(key, value);
  }

  private static PartitionEvaluator.Timers timers(JavaSparkContext jsc) {
    return new PartitionEvaluator.Timers(jsc.sc().longAccumulator("model setup ms"),
        jsc.sc().longAccumulator("evaluation ms"));
  }

  /** Each example's outcome under {@code spec}, over {@code slices} partitions, by index. */
  public static List<Outcome> run(SparkSession spark, EvaluationSpec spec, List<Example> examples,
      int slices) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return run(spec, jsc.parallelize(examples, slices));
  }

  /** Each example's outcome under {@code spec}, partitioned as {@code examples} is, by index. */
  public static List<Outcome> run(EvaluationSpec spec, JavaRDD<Example> examples) {
    return run(spec, examples, timers(JavaSparkContext.fromSparkContext(examples.context())));
  }

  private static List<Outcome> run(EvaluationSpec spec, JavaRDD<Example> examples,
      PartitionEvaluator.Timers timers) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(examples.context());
    var conf = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
    List<Outcome> out = new ArrayList<>(examples
        .mapPartitionsWithIndex(new PartitionEvaluator(spec, conf, timers), true).collect());
    out.sort(Comparator.comparingLong(Outcome::id));
    return out;
  }

  @Override
  public void describe(Map<String, Object> report) {
    report.put("spark", details);
  }

  /** The spec of {@code setup}, checked here on the driver. */
  EvaluationSpec spec(Setup setup, int shown) {
    if (setup.signature() == null) {
      throw new SparkInferenceException("--model " + setup.model() + " is a Keras model file;"
          + " nsl-spark-evaluate evaluates SavedModel directories, whose signature every"
          + " executor scores");
    }
    if (BLACK_BOX.equals(setup.mode()) && !"square".equals(setup.requestedAttack())) {
      throw new SparkInferenceException("--attack " + setup.requestedAttack() + " needs"
          + " gradients, but --model " + setup.model() + " cannot be attacked white-box: "
          + setup.modeReason() + "; pass --attack square (black-box) or --surrogate MODEL");
    }
    ModelSource model = ModelSource.resolve(setup.model().toAbsolutePath().toString(),
        List.of(LoadedModel.SERVE), spark.sparkContext().hadoopConfiguration());
    String surrogate = TRANSFER.equals(setup.mode())
        ? setup.surrogate().toAbsolutePath().toString() : null;
    return new EvaluationSpec(model, setup.signature(), setup.imageShape(),
        setup.preprocessing(), setup.batchSize(), setup.mode(), setup.attack(), surrogate,
        setup.customLayers(), shown);
  }

  /** The rows of {@code x} with labels {@code y}, indexed from 0. */
  public static List<Example> examples(FeatureArray x, long[] y) {
    List<Example> out = new ArrayList<>(y.length);
    for (int i = 0; i < y.length; i++) {
      out.add(Example.of(i, y[i], x.rows(i, i + 1).floats()));
    }
    return out;
  }

  private static Scored gather(List<Outcome> outcomes, FeatureArray x, int n, int shown) {
    if (outcomes.size() != n) {
      throw new SparkInferenceException("the job returned " + outcomes.size() + " results for "
          + n + " test images");
    }
    long[] clean = new long[n];
    long[] attacked = new long[n];
    boolean anyAttack = false;
    int k = Math.min(shown, n);
    float[] pixels = new float[k * x.rowSize()];
    for (int i = 0; i < n; i++) {
      Outcome o = outcomes.get(i);
      clean[i] = o.clean();
      attacked[i] = o.attacked();
      anyAttack |= o.attacked() >= 0;
      if (i < k) {
        System.arraycopy(o.shown(), 0, pixels, i * x.rowSize(), x.rowSize());
      }
    }
    long[] shape = x.shape().clone();
    shape[0] = k;
    return new Scored(clean, anyAttack ? attacked : null, FeatureArray.ofFloats(pixels, shape));
  }
}
