package org.nsl4j.spark.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsl4j.examples.savedmodel.EvaluateSavedModelCommand;
import org.nsl4j.spark.LocalClusters;
import org.nsl4j.spark.SparkInferenceException;
import org.nsl4j.spark.evaluate.SparkEvaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class org.nsl4j.spark.cli.EvaluateCommand nsl-spark-app.jar --model M
 * --attack fgsm --eps 0.2 --out DIR}: evaluate-savedmodel, every flag of it, with the evaluation
 * spread over Spark's executors; the same report.json and perturbed_examples.png, with a {@code
 * spark} section added.
 */
@Command(name = "nsl-spark-evaluate", version = "nsl4j 0.1.0",
    description = {
        "evaluate-savedmodel on Spark: the same flags and report; the test images are attacked"
            + " on the executors, each executor JVM rebuilding the model once.",
        "Run it with spark-submit, or on this machine with --master local-cluster[2,1,1024]."})
public final class EvaluateCommand implements Callable<Integer> {

  @Mixin EvaluateSavedModelCommand evaluation = new EvaluateSavedModelCommand();

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(names = "--parquet", paramLabel = "PATH",
      description = "Test images from Parquet (any path Spark reads) instead of the data flags:"
          + " an image column and a label column.")
  String parquet;

  @Option(names = "--image-column", paramLabel = "NAME",
      description = "Parquet column of the images: binary 0..255 pixels (divided by 255), or"
          + " array<float>/array<double> pixels in [0, 1] (default: ${DEFAULT-VALUE}).")
  String imageColumn = "image";

  @Option(names = "--label-column", paramLabel = "NAME",
      description = "Parquet column of the integer labels (default: ${DEFAULT-VALUE}).")
  String labelColumn = "label";

  @Option(names = "--image-shape", split = ",", paramLabel = "D",
      description = "Shape of one Parquet image (default: 28,28,1).")
  long[] imageShape = {28, 28, 1};

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the test images (default: Spark's default parallelism).")
  Integer partitions;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with every error printed as one line and exit code 2. */
  public static CommandLine commandLine() {
    return CliErrors.commandLine(new EvaluateCommand());
  }

  @Override
  public Integer call() throws Exception {
    if (partitions != null && partitions < 1) {
      throw new SparkInferenceException("--partitions must be at least 1, got " + partitions);
    }
    try (ClusterOptions.Session session = cluster.open("nsl-spark evaluate")) {
      SparkSession spark = session.spark();
      SparkEvaluation backend = new SparkEvaluation(spark, partitions);
      int executors = cluster.localExecutors();
      if (executors > 0) {
        long start = System.nanoTime();
        LocalClusters.awaitExecutors(spark, executors, Duration.ofSeconds(120));
        backend.detail("executors_registered_seconds", (System.nanoTime() - start) / 1e9);
      }
      SparkEvaluation.preload(spark, evaluation.modelPath());
      evaluation.backend(backend);
      if (parquet != null) {
        evaluation.testData(
            () -> ParquetImages.read(spark, parquet, imageColumn, labelColumn, imageShape));
      }
      return evaluation.call();
    }
  }
}
