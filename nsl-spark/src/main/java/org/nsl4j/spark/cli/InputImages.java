package org.nsl4j.spark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Idx;
import org.nsl4j.spark.SparkInferenceException;

/**
 * The images to score as a DataFrame with an id column: a directory of IDX files ({@code
 * <split>-images-idx3-ubyte[.gz]}, and labels when present), read on the driver and spread over
 * the executors as {@code binary} 0..255 pixels, or Parquet files with an image column, read by
 * the executors (given ids from {@code monotonically_increasing_id} when they have none).
 */
record InputImages(Dataset<Row> rows, String description, long[] imageShape) {

  /** The column names to read or give. */
  record Columns(String id, String image, String label) {}

  /**
   * Reads {@code input}; {@code limit} (or null) keeps the first images, {@code partitions} (or
   * null: IDX files are split in Spark's default parallelism, Parquet as its files are)
   * repartitions them.
   */
  static InputImages read(SparkSession spark, String input, String split, Columns columns,
      Integer limit, Integer partitions) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path dir = new Path(input);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      Path images = idxFile(fs, dir, split + "-images-idx3-ubyte");
      if (images != null) {
        int slices = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        return readIdx(spark, fs, images, idxFile(fs, dir, split + "-labels-idx1-ubyte"),
            columns, limit, slices);
      }
      if (!fs.exists(dir)) {
        throw new SparkInferenceException("--input " + input + " does not exist");
      }
    } catch (IOException e) {
      throw new SparkInferenceException("cannot read --input " + input + ": " + e, e);
    }
    return readParquet(spark, input, columns.id(), limit, partitions);
  }

  private static Path idxFile(FileSystem fs, Path dir, String name) throws IOException {
    for (String candidate : List.of(name, name + ".gz")) {
      Path p = new Path(dir, candidate);
      if (fs.isFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static InputImages readIdx(SparkSession spark, FileSystem fs, Path imagesFile,
      Path labelsFile, Columns columns, Integer limit, int partitions) throws IOException {
    FeatureArray images;
    try (InputStream in = fs.open(imagesFile)) {
      images = Idx.readImages(in, imagesFile.toString());
    }
    FeatureArray labels = null;
    if (labelsFile != null) {
      try (InputStream in = fs.open(labelsFile)) {
        labels = Idx.readLabels(in, labelsFile.toString());
      }
    }
    int n = limit == null ? images.rows() : Math.min(limit, images.rows());
    int size = images.rowSize();
    float[] pixels = images.floats();
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] image = new byte[size];
      for (int j = 0; j < size; j++) {
        image[j] = (byte) pixels[i * size + j];
      }
      rows.add(labels == null ? RowFactory.create((long) i, image)
          : RowFactory.create((long) i, image, (int) labels.longs()[i]));
    }
    StructType schema = new StructType().add(columns.id(), DataTypes.LongType, false)
        .add(columns.image(), DataTypes.BinaryType, false);
    if (labels != null) {
      schema = schema.add(columns.label(), DataTypes.IntegerType, false);
    }
    Dataset<Row> df = spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions),
        schema);
    long[] shape = images.shape();
    return new InputImages(df, n + " images from IDX " + imagesFile,
        Arrays.copyOfRange(shape, 1, shape.length));
  }

  private static InputImages readParquet(
      SparkSession spark, String input, String idColumn, Integer limit, Integer partitions) {
    Dataset<Row> df;
    try {
      df = spark.read().parquet(input);
    } catch (RuntimeException e) {
      throw new SparkInferenceException("--input " + input + " is neither a directory of IDX"
          + " files (<split>-images-idx3-ubyte[.gz]) nor Parquet: " + CliErrors.message(e), e);
    }
    if (!Arrays.asList(df.columns()).contains(idColumn)) {
      df = df.withColumn(idColumn, functions.monotonically_increasing_id());
    }
    if (limit != null) {
      df = df.orderBy(idColumn).limit(limit);
    }
    if (partitions != null) {
      df = df.repartition(partitions);
    }
    return new InputImages(df, "Parquet " + input, null);
  }
}
