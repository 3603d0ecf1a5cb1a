package org.nsl4j.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input fails in {@code transform} itself, on the driver, before any job (a model path that
 * cannot be read, a signature or column that does not exist, a column of the wrong type or
 * shape), with one message naming it and what was expected; a bad row fails its task, naming
 * the partition and the example's index in it.
 */
@ExtendWith(TestSpark.class)
class BadInputTest {

  @TempDir Path tmp;

  private static Dataset<Row> images(SparkSession spark, List<Row> rows, StructType schema) {
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2), schema);
  }

  private static Dataset<Row> binaryImages(SparkSession spark, int... lengths) {
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("image", DataTypes.BinaryType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      rows.add(RowFactory.create((long) i, new byte[lengths[i]]));
    }
    return images(spark, rows, schema);
  }

  private static String failure(BatchInference inference, Dataset<Row> input) {
    return assertThrows(SparkInferenceException.class, () -> inference.transform(input))
        .getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + part + "' in: " + message);
    }
  }

  @Test
  void modelPathThatDoesNotExist() {
    SparkSession spark = TestSpark.session();
    Path missing = tmp.resolve("no-such-model");
    assertMentions(failure(BatchInference.of(missing.toString()), binaryImages(spark, 784)),
        "model path file:" + missing, "does not exist", "SavedModel directory");
  }

  @Test
  void directoryThatIsNotASavedModel() throws IOException {
    SparkSession spark = TestSpark.session();
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertMentions(failure(BatchInference.of(empty.toString()), binaryImages(spark, 784)),
        "model path file:" + empty, "holds no saved_model.pb");
    Path corrupt = Files.createDirectories(tmp.resolve("corrupt"));
    Files.writeString(corrupt.resolve("saved_model.pb"), "not a protocol buffer");
    assertMentions(failure(BatchInference.of(corrupt.toString()), binaryImages(spark, 784)),
        "saved_model.pb is corrupt");
  }

  @Test
  void signatureThatDoesNotExist() {
    SparkSession spark = TestSpark.session();
    assertMentions(failure(BatchInference.of(Digits.model().toString()).signature("predict"),
        binaryImages(spark, 784)), "no signature 'predict'", "signatures: [serving_default]");
  }

  @Test
  void columnThatDoesNotExistOrHasTheWrongType() {
    SparkSession spark = TestSpark.session();
    BatchInference inference = BatchInference.of(Digits.model().toString());
    assertMentions(failure(inference.inputColumn("pixels"), binaryImages(spark, 784)),
        "no column 'pixels'", "columns: [id, image]", "input 'conv2d_input'");
    Dataset<Row> strings = images(spark, List.of(RowFactory.create("seven")),
        new StructType().add("image", DataTypes.StringType));
    assertMentions(failure(inference.inputColumn("image"), strings),
        "column 'image' is string", "expected array<float> or array<double> with 784 values,"
            + " or binary with 784 bytes", "float32[-1,28,28,1]", "signature 'serving_default'");
    assertMentions(failure(inference, binaryImages(spark, 784).withColumnRenamed("id",
        "prediction")), "already has a column 'prediction'");
  }

  @Test
  void imageShapeThatDoesNotFitTheSignature() {
    SparkSession spark = TestSpark.session();
    assertMentions(failure(BatchInference.of(Digits.model().toString()).imageShape(28, 28, 3),
        binaryImages(spark, 784)), "image shape [28,28,3] does not fit input 'conv2d_input'",
        "(one example: [28,28,1])");
  }

  @Test
  void rowOfTheWrongLengthFailsItsTaskNamingPartitionAndExample() {
    SparkSession spark = TestSpark.session();
    // Two partitions of three rows; the third row of the second partition is short.
    Dataset<Row> input = binaryImages(spark, 784, 784, 784, 784, 784, 700);
    Dataset<Row> scored = BatchInference.of(Digits.model().toString()).transform(input);
    SparkException e = assertThrows(SparkException.class, scored::collectAsList);
    assertMentions(e.getMessage(), "partition 1, example 2 of the partition",
        "column 'image' has 700 bytes; expected 784 for one image of shape [28,28,1]");
  }
}
