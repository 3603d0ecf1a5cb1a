package org.nsl4j.savedmodel;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * One input or output of a signature: its key (e.g. {@code image}), the graph tensor it maps to
 * (e.g. {@code serving_default_image:0}), its element type and its shape ({@code -1} for an
 * unknown dimension, {@link Shape#unknown()} for an unknown rank).
 */
public record TensorSpec(String key, String tensorName, DataType dtype, Shape shape) {

  static TensorSpec of(String key, TensorInfo info) {
    return new TensorSpec(key, info.getName(), info.getDtype(), shapeOf(info.getTensorShape()));
  }

  static Shape shapeOf(TensorShapeProto proto) {
    if (proto.getUnknownRank()) {
      return Shape.unknown();
    }
    return Shape.of(proto.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray());
  }

  /** NumPy-style name of the element type: {@code float32}, {@code int64}, {@code string}... */
  public String dtypeName() {
    return dtypeName(dtype);
  }

  /** The spec as {@code float32[-1,28,28,1]} ({@code float32[?]} for an unknown rank). */
  public String describe() {
    return dtypeName() + dims(shape);
  }

  static String dims(Shape shape) {
    if (shape.isUnknown()) {
      return "[?]";
    }
    return LongStream.of(shape.asArray()).mapToObj(Long::toString)
        .collect(Collectors.joining(",", "[", "]"));
  }

  static String dtypeName(DataType dtype) {
    return switch (dtype) {
      case DT_FLOAT -> "float32";
      case DT_DOUBLE -> "float64";
      case DT_HALF -> "float16";
      case DT_BFLOAT16 -> "bfloat16";
      case DT_INT8 -> "int8";
      case DT_INT16 -> "int16";
      case DT_INT32 -> "int32";
      case DT_INT64 -> "int64";
      case DT_UINT8 -> "uint8";
      case DT_BOOL -> "bool";
      case DT_STRING -> "string";
      default -> dtype.name().replaceFirst("^DT_", "").toLowerCase(Locale.ROOT);
    };
  }

  @Override
  public String toString() {
    return key + ": " + describe() + " (" + tensorName + ")";
  }
}
