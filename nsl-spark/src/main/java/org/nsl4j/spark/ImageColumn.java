package org.nsl4j.spark;

import static org.tensorflow.proto.DataType.DT_FLOAT;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.nsl4j.savedmodel.TensorSpec;

/**
 * How one example is read from an image column: {@code array<float>} or {@code array<double>}
 * values fed as they are, or {@code binary} bytes read as unsigned pixels 0..255 and divided by
 * {@code byteDivisor} (255 gives Keras's {@code x / 255}); every example holds exactly the values of {@code shape}. {@code name}
 * is null for the argument of a SQL function.
 */
public record ImageColumn(String name, long[] shape, float byteDivisor) implements Serializable {

  public ImageColumn {
    shape = shape.clone();
  }

  /**
   * The column {@code name} as input {@code input} of signature {@code signature} takes it;
   * {@code declaredShape} (one example's shape, or null) must agree with the signature's known
   * dimensions and is needed where they are unknown.
   */
  public static ImageColumn forInput(
      String name, long[] declaredShape, String signature, TensorSpec input, float byteDivisor) {
    String what = describe(signature, input);
    if (input.dtype() != DT_FLOAT) {
      throw new SparkInferenceException(what + " is not float32; only float32 image inputs can be"
          + " fed from a column");
    }
    return new ImageColumn(name, exampleShape(what, input, declaredShape), byteDivisor);
  }

  /** Checks that {@code schema} has this column with a type it can be read from. */
  public void checkType(StructType schema, String signature, TensorSpec input) {
    String what = describe(signature, input);
    List<String> columns = Arrays.asList(schema.fieldNames());
    if (!columns.contains(name)) {
      throw new SparkInferenceException(
          "no column '" + name + "' in the input (columns: " + columns + "); expected the images"
              + " for " + what);
    }
    StructField field = schema.apply(name);
    if (!readable(field.dataType())) {
      throw new SparkInferenceException(
          "column '" + name + "' is " + field.dataType().simpleString() + "; expected"
              + " array<float> or array<double> with " + size() + " values, or binary with "
              + size() + " bytes, for " + what);
    }
  }

  private static String describe(String signature, TensorSpec input) {
    return "input '" + input.key() + "' " + input.describe() + " of signature '" + signature
        + "'";
  }

  private static long[] exampleShape(String what, TensorSpec input, long[] declared) {
    if (input.shape().isUnknown()) {
      if (declared == null) {
        throw new SparkInferenceException(
            what + " has an unknown rank; declare the shape of one image (e.g. 28,28,1)");
      }
      return declared.clone();
    }
    long[] dims = input.shape().asArray();
    if (dims.length < 2 || dims[0] != -1) {
      throw new SparkInferenceException(
          what + " does not take a batch of images; expected a shape [-1, ...] whose first"
              + " dimension is the batch");
    }
    long[] example = Arrays.copyOfRange(dims, 1, dims.length);
    if (declared != null && !fits(declared, example)) {
      throw new SparkInferenceException(
          "image shape " + dims(declared) + " does not fit " + what + " (one example: "
              + dims(example) + ")");
    }
    if (declared == null && LongStream.of(example).anyMatch(d -> d < 0)) {
      throw new SparkInferenceException(
          what + " has unknown dimensions; declare the shape of one image (e.g. 28,28,1)");
    }
    return declared != null ? declared.clone() : example;
  }

  private static boolean fits(long[] declared, long[] example) {
    if (declared.length != example.length) {
      return false;
    }
    for (int i = 0; i < declared.length; i++) {
      if (declared[i] <= 0 || (example[i] >= 0 && example[i] != declared[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean readable(DataType type) {
    return type.equals(DataTypes.BinaryType)
        || (type instanceof ArrayType array
            && (array.elementType().equals(DataTypes.FloatType)
                || array.elementType().equals(DataTypes.DoubleType)));
  }

  /** The number of values in one example. */
  public int size() {
    return Math.toIntExact(LongStream.of(shape).reduce(1, (a, b) -> a * b));
  }

  /**
   * Copies one example's values (a cell of this column) to {@code dest} from {@code offset};
   * fails naming the column, the length found and the length expected.
   */
  public void read(Object value, float[] dest, int offset) {
    if (value == null) {
      throw new IllegalArgumentException(what() + " is null; expected an image");
    }
    int n = size();
    if (value instanceof byte[] bytes) {
      checkLength(bytes.length, "bytes");
      for (int i = 0; i < n; i++) {
        dest[offset + i] = (bytes[i] & 0xff) / byteDivisor;
      }
      return;
    }
    if (!(value instanceof scala.collection.Seq<?> seq)) {
      throw new IllegalArgumentException(
          what() + " holds a " + value.getClass().getName() + "; expected binary or"
              + " an array of numbers");
    }
    checkLength(seq.length(), "values");
    for (int i = 0; i < n; i++) {
      Object v = seq.apply(i);
      if (v == null) {
        throw new IllegalArgumentException(
            what() + " has a null value at position " + i);
      }
      dest[offset + i] = ((Number) v).floatValue();
    }
  }

  private void checkLength(int length, String unit) {
    if (length != size()) {
      throw new IllegalArgumentException(
          what() + " has " + length + " " + unit + "; expected " + size() + " for"
              + " one image of shape " + dims(shape));
    }
  }

  private String what() {
    return name != null ? "column '" + name + "'" : "the image";
  }

  static String dims(long[] shape) {
    return LongStream.of(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
  }
}
