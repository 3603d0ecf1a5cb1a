package org.nsl4j.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.nsl4j.spark.BatchInference;
import org.nsl4j.spark.LocalClusters;
import org.nsl4j.spark.ScoringPlan;
import org.nsl4j.spark.SparkInferenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit --class org.nsl4j.spark.cli.ScoreCommand nsl-spark-app.jar --model M
 * --input I --output O}: scores a SavedModel over images on Spark and writes each image's id,
 * label (when known), predicted class and scores as Parquet.
 */
@Command(name = "nsl-spark-score", mixinStandardHelpOptions = true, version = "nsl4j 0.1.0",
    description = {
        "Scores a SavedModel signature over images on Spark, in batches, the model loaded once"
            + " per executor JVM, and writes id, label, prediction and scores as Parquet.",
        "Run it with spark-submit, or on this machine with --master local-cluster[2,1,1024]"
            + " (separate executor JVMs; see the README)."})
public final class ScoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "The SavedModel directory: any path Spark can read (file:, hdfs:, s3a:...).")
  String model;

  @Option(names = "--signature", paramLabel = "NAME",
      description = "Signature to call (default: serving_default, or the model's only one).")
  String signature;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "A directory of IDX files (<split>-images-idx3-ubyte[.gz] and, when present,"
          + " <split>-labels-idx1-ubyte[.gz]), or Parquet with an image column.")
  String input;

  @Option(names = "--split", paramLabel = "NAME",
      description = "Which IDX files of --input to read (default: ${DEFAULT-VALUE}).")
  String split = "t10k";

  @Option(names = "--image-column", paramLabel = "NAME",
      description = "Parquet column of the images: array<float>, array<double>, or binary 0..255"
          + " pixels divided by 255 (default: ${DEFAULT-VALUE}).")
  String imageColumn = "image";

  @Option(names = "--label-column", paramLabel = "NAME",
      description = "Column of the true classes, used for the accuracy when present (default:"
          + " ${DEFAULT-VALUE}).")
  String labelColumn = "label";

  @Option(names = "--id-column", paramLabel = "NAME",
      description = "Column identifying each image, given when Parquet has none (default:"
          + " ${DEFAULT-VALUE}).")
  String idColumn = "id";

  @Option(names = "--image-shape", split = ",", paramLabel = "D",
      description = "Shape of one image, e.g. 28,28,1 (default: from the signature, or the IDX"
          + " files).")
  long[] imageShape;

  @Option(names = "--output", required = true, paramLabel = "PATH",
      description = "Parquet directory to write; it must not exist unless --overwrite.")
  String output;

  @Option(names = "--overwrite", description = "Replace --output if it exists.")
  boolean overwrite;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Images per signature call (default: ${DEFAULT-VALUE}).")
  int batchSize = 256;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the images (default: IDX files in Spark's default"
          + " parallelism, Parquet as its files are split).")
  Integer partitions;

  @Option(names = "--limit", paramLabel = "N", description = "Score only the first N images.")
  Integer limit;

  @Option(names = "--repeat", paramLabel = "N",
      description = "Score N times (passes after the first run with the models already loaded;"
          + " default: ${DEFAULT-VALUE}).")
  int repeat = 1;

  @Option(names = "--check-local",
      description = "Also score the images with LoadedModel in the driver and compare every"
          + " prediction and score with Spark's (collects the images to the driver).")
  boolean checkLocal;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with every error printed as one line and exit code 2. */
  public static CommandLine commandLine() {
    return CliErrors.commandLine(new ScoreCommand());
  }

  @Override
  public Integer call() throws IOException {
    checkFlags();
    try (ClusterOptions.Session session = cluster.open("nsl-spark score")) {
      SparkSession spark = session.spark();
      return score(spark);
    }
  }

  private void checkFlags() {
    if (batchSize < 1 || repeat < 1 || (limit != null && limit < 1)
        || (partitions != null && partitions < 1)) {
      throw new SparkInferenceException("--batch-size, --repeat, --limit and --partitions must"
          + " be at least 1");
    }
  }

  private int score(SparkSession spark) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path outputPath = new Path(output);
    if (!overwrite && outputPath.getFileSystem(spark.sparkContext().hadoopConfiguration())
        .exists(outputPath)) {
      throw new SparkInferenceException(
          "--output " + output + " exists; pass --overwrite to replace it");
    }
    InputImages images = InputImages.read(spark, input, split,
        new InputImages.Columns(idColumn, imageColumn, labelColumn), limit, partitions);
    BatchInference inference = BatchInference.of(model).signature(signature)
        .inputColumn(imageColumn).batchSize(batchSize);
    long[] shape = imageShape != null ? imageShape : images.imageShape();
    if (shape != null) {
      inference.imageShape(shape);
    }
    ScoringPlan plan = inference.plan(spark.sparkContext().hadoopConfiguration(),
        images.rows().schema());
    out.printf("input: %s%nmodel: %s, signature '%s' (%s -> %s)%n", images.description(),
        plan.model().uri(), plan.signature(), plan.inputKey(), plan.outputKey());
    Dataset<Row> scored = inference.transform(images.rows()).select(outputColumns(images));
    awaitExecutors(spark, out);
    writePasses(spark, scored, out);
    Dataset<Row> written = spark.read().parquet(output);
    printAccuracy(written, out);
    out.printf("output: %s (Parquet)%n", output);
    out.flush();
    return checkLocal ? check(spark, plan, images, written, out) : 0;
  }

  /** Scores and writes {@code --repeat} times, printing each pass's throughput. */
  private void writePasses(SparkSession spark, Dataset<Row> scored, PrintWriter out) {
    for (int pass = 1; pass <= repeat; pass++) {
      long start = System.nanoTime();
      scored.write().mode(pass == 1 && !overwrite ? SaveMode.ErrorIfExists : SaveMode.Overwrite)
          .parquet(output);
      double seconds = (System.nanoTime() - start) / 1e9;
      long n = spark.read().parquet(output).count();
      out.printf(Locale.ROOT, "pass %d: %d images in %.2f s (%.0f images/s)%n", pass, n,
          seconds, n / seconds);
    }
  }

  /** The share of predictions equal to the labels, when there are labels: the one reduction. */
  private void printAccuracy(Dataset<Row> written, PrintWriter out) {
    if (Arrays.asList(written.columns()).contains(labelColumn)) {
      double accuracy = written.agg(functions.avg(functions.when(
          written.col("prediction").equalTo(written.col(labelColumn)), 1).otherwise(0)))
          .first().getDouble(0);
      out.printf(Locale.ROOT, "accuracy: %.4f (column '%s')%n", accuracy, labelColumn);
    }
  }

  private Column[] outputColumns(InputImages images) {
    List<Column> columns = new ArrayList<>();
    columns.add(functions.col(idColumn));
    if (Arrays.asList(images.rows().columns()).contains(labelColumn)) {
      columns.add(functions.col(labelColumn));
    }
    columns.add(functions.col("prediction"));
    columns.add(functions.col("scores"));
    return columns.toArray(Column[]::new);
  }

  private void awaitExecutors(SparkSession spark, PrintWriter out) {
    int executors = cluster.localExecutors();
    if (executors > 0) {
      LocalClusters.awaitExecutors(spark, executors, Duration.ofSeconds(120));
      out.printf("executors: %d JVMs%n", executors);
    }
  }

  private int check(SparkSession spark, ScoringPlan plan, InputImages images,
      Dataset<Row> written, PrintWriter out) {
    LocalCheck.Result r = LocalCheck.run(spark, plan, images.rows(), idColumn, written,
        "prediction", "scores");
    out.println(r.describe());
    out.flush();
    return r.identical() ? 0 : 1;
  }
}
