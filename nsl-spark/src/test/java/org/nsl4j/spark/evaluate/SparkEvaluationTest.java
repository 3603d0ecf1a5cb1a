package org.nsl4j.spark.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Idx;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.ClipValues;
import org.nsl4j.keras.robustness.ModelClassifier;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.keras.robustness.ProjectedGradientDescent;
import org.nsl4j.keras.robustness.Robustness;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SignatureClassifier;
import org.nsl4j.spark.ExecutorKills;
import org.nsl4j.spark.ModelSource;
import org.nsl4j.spark.TestSpark;

/**
 * The distributed evaluation against evaluate-savedmodel's in one process, example by example:
 * white-box PGD with a random start on the rebuilt {@code mnist_cnn_tf2_0_logits} over 300 real
 * digits, under two partitionings, and after an executor JVM was killed mid-job.
 */
@ExtendWith(TestSpark.class)
class SparkEvaluationTest {

  private static final int DIGITS = 300;
  private static final int BATCH = 64;
  private static final Attack PGD = ProjectedGradientDescent.builder().eps(0.15f).maxIter(3)
      .numRandomInit(1).batchSize(BATCH).seed(11).build();

  private static Path model;
  private static FeatureArray x;
  private static long[] y;
  private static long[] clean;
  private static long[] attacked;
  private static FeatureArray adversarial;

  /** The single-process run: the command's classifiers, the whole set attacked at once. */
  @BeforeAll
  static void singleProcess() throws Exception {
    model = SharedFixtures.savedModel("mnist_cnn_tf2_0_logits");
    Path mnist = SharedFixtures.mnistTest();
    x = scaled(Idx.readImages(mnist.resolve("t10k-images-idx3-ubyte.gz")).rows(0, DIGITS));
    y = Idx.readLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz")).rows(0, DIGITS).longs();
    try (LoadedModel loaded = LoadedModel.load(model);
        Model rebuilt = KerasModelLoader.builder().build().loadModel(loaded)) {
      SignatureClassifier target = SignatureClassifier.select(loaded, null, new long[] {28, 28, 1},
          ClipValues.UNIT, Preprocessing.NONE, BATCH);
      clean = Robustness.predictions(target, x);
      adversarial = PGD.generate(ModelClassifier.builder(rebuilt).build(), x, y).adversarial();
      attacked = Robustness.predictions(target, adversarial);
    }
  }

  @AfterAll
  static void release() {
    x = null;
    adversarial = null;
  }

  private static FeatureArray scaled(FeatureArray bytes) {
    float[] v = bytes.floats().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] /= 255f;
    }
    return FeatureArray.ofFloats(v, bytes.rows(), 28, 28, 1);
  }

  private static EvaluationSpec spec(SparkSession spark) {
    ModelSource source = ModelSource.resolve(model.toAbsolutePath().toString(),
        List.of(LoadedModel.SERVE), spark.sparkContext().hadoopConfiguration());
    return new EvaluationSpec(source, "serving_default", new long[] {28, 28, 1},
        Preprocessing.NONE, BATCH, SparkEvaluation.WHITE_BOX, PGD, null, List.of(), 10);
  }

  private static void assertSameAsOneProcess(List<Outcome> outcomes, String what) {
    assertEquals(DIGITS, outcomes.size(), what);
    int changed = 0;
    for (int i = 0; i < DIGITS; i++) {
      Outcome o = outcomes.get(i);
      assertEquals(i, o.id(), what);
      assertEquals(clean[i], o.clean(), what + ": clean prediction of example " + i);
      assertEquals(attacked[i], o.attacked(), what + ": attacked prediction of example " + i);
      changed += attacked[i] != clean[i] ? 1 : 0;
      if (i < 10) {
        assertArrayEquals(adversarial.rows(i, i + 1).floats(), o.shown(), what + ": example " + i);
      }
    }
    assertTrue(changed > 10, "the attack changes predictions (" + changed + " of " + DIGITS + ")");
  }

  @Test
  void everyExampleIsTheSingleProcessResultUnderTwoPartitionings() {
    SparkSession spark = TestSpark.session();
    List<Example> examples = SparkEvaluation.examples(x, y);
    assertSameAsOneProcess(SparkEvaluation.run(spark, spec(spark), examples, 2), "2 partitions");
    // 7 partitions of 42-43 examples: other batches, some of one example (43 = 64·0 + 43).
    assertSameAsOneProcess(SparkEvaluation.run(spark, spec(spark), examples, 7), "7 partitions");
  }

  /** Halts the JVM in the middle of one partition's first attempt. */
  private record HaltOnFirstAttempt(int partition, int after)
      implements FlatMapFunction<Iterator<Example>, Example> {
    @Override
    public Iterator<Example> call(Iterator<Example> input) {
      return ExecutorKills.haltOnFirstAttempt(input, partition, after);
    }
  }

  @Test
  void aKilledExecutorsTasksAreRetriedWithTheSameResult() {
    SparkSession spark = TestSpark.session();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    var dying = jsc.parallelize(SparkEvaluation.examples(x, y), 4)
        .mapPartitions(new HaltOnFirstAttempt(2, 70));
    assertSameAsOneProcess(SparkEvaluation.run(spec(spark), dying), "after an executor died");
    org.nsl4j.spark.LocalClusters.awaitExecutors(spark, 2, java.time.Duration.ofSeconds(120));
  }

  @Test
  void aBadExampleFailsItsTaskNamingThePartitionAndExamples() {
    SparkSession spark = TestSpark.session();
    List<Example> examples = new ArrayList<>(SparkEvaluation.examples(x.rows(0, 8), java.util.Arrays.copyOf(y, 8)));
    examples.set(5, Example.of(5, y[5], new float[700]));
    Exception e = assertThrows(Exception.class,
        () -> SparkEvaluation.run(spark, spec(spark), examples.subList(0, 8), 2));
    assertTrue(e.getMessage().contains("partition 1, examples 4..7 of the test set: example 5"
        + " has 700 values; expected 784"), e.getMessage());
  }
}
