package org.nsl4j.spark.cli;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nsl4j.examples.cli.LabeledImages;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.spark.ImageColumn;
import org.nsl4j.spark.SparkInferenceException;

/**
 * The test images of {@code --parquet}: an image column ({@code binary} 0..255 pixels divided by
 * 255, or {@code array<float>}/{@code array<double>} pixels in [0, 1]) and an integer label
 * column, checked on the driver and gathered there in the files' order (the driver draws the
 * picture and checks the rebuilt model on the first images).
 */
final class ParquetImages {

  private ParquetImages() {}

  /** The images of {@code path}, in row order; fails naming the path, column or row. */
  static LabeledImages read(SparkSession spark, String path, String imageColumn,
      String labelColumn, long[] shape) {
    Dataset<Row> df;
    try {
      df = spark.read().parquet(path);
    } catch (RuntimeException e) {
      throw new SparkInferenceException("--parquet " + path + " cannot be read as Parquet: "
          + CliErrors.message(e), e);
    }
    ImageColumn column = new ImageColumn(imageColumn, shape, 255f);
    check(df.schema(), path, column, labelColumn);
    List<Row> rows = df.select(imageColumn, labelColumn).collectAsList();
    int n = rows.size();
    int size = column.size();
    float[] x = new float[n * size];
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      try {
        column.read(rows.get(i).get(0), x, i * size);
        y[i] = ((Number) rows.get(i).get(1)).longValue();
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new SparkInferenceException("--parquet " + path + ", row " + i + ": "
            + (e.getMessage() != null ? e.getMessage() : "null label in column '" + labelColumn
                + "'"), e);
      }
    }
    checkPixels(x, path, imageColumn);
    long[] dims = new long[shape.length + 1];
    dims[0] = n;
    System.arraycopy(shape, 0, dims, 1, shape.length);
    Features test = Features.of(HParams.IMAGE_KEY, FeatureArray.ofFloats(x, dims),
        HParams.LABEL_KEY, FeatureArray.ofLongs(y, n));
    return new LabeledImages(null, test, null, "Parquet " + path + " (" + n + " images)",
        "--parquet " + path);
  }

  private static void check(StructType schema, String path, ImageColumn column, String label) {
    List<String> names = Arrays.asList(schema.fieldNames());
    for (String name : List.of(column.name(), label)) {
      if (!names.contains(name)) {
        throw new SparkInferenceException("no column '" + name + "' in --parquet " + path
            + " (columns: " + names + "); expected the " + (name.equals(label) ? "labels"
                : "images"));
      }
    }
    DataType image = schema.apply(column.name()).dataType();
    boolean readable = image.equals(DataTypes.BinaryType) || (image instanceof ArrayType a
        && (a.elementType().equals(DataTypes.FloatType)
            || a.elementType().equals(DataTypes.DoubleType)));
    if (!readable) {
      throw new SparkInferenceException("column '" + column.name() + "' of --parquet " + path
          + " is " + image.simpleString() + "; expected binary (" + column.size() + " bytes 0..255)"
          + " or array<float>/array<double> (" + column.size() + " pixels in [0, 1]) for images of"
          + " shape " + Arrays.toString(column.shape()) + " (--image-shape)");
    }
    DataType y = schema.apply(label).dataType();
    if (!List.of(DataTypes.IntegerType, DataTypes.LongType, DataTypes.ShortType,
        DataTypes.ByteType).contains(y)) {
      throw new SparkInferenceException("column '" + label + "' of --parquet " + path + " is "
          + y.simpleString() + "; expected integer class labels");
    }
  }

  private static void checkPixels(float[] x, String path, String column) {
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= 0 && x[i] <= 1)) {
        throw new SparkInferenceException("column '" + column + "' of --parquet " + path
            + " holds " + x[i] + " (value " + i + "); expected pixels in [0, 1]");
      }
    }
  }
}
