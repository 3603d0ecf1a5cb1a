package org.nsl4j.keras.datasets;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/**
 * Reads and writes the IDX format of the MNIST files (e.g. {@code train-images-idx3-ubyte.gz}):
 * the magic number {@code 00 00 <type> <dimensions>}, one big-endian 32-bit size per dimension,
 * then the values. Only type {@code 0x08} (unsigned byte) is supported, as MNIST uses. Files
 * may be gzipped, which is recognised by their first bytes, not by their name.
 *
 * <p>Images are read as raw pixel values 0..255 (see {@link Pixels#toUnitRange} for [0, 1]).
 * Every format problem is a {@link DatasetFormatException} naming the file.
 */
public final class Idx {

  /** The feature key of images in {@link #readLabeledImages}. */
  public static final String IMAGE = "image";
  /** The feature key of labels in {@link #readLabeledImages}. */
  public static final String LABEL = "label";

  private static final int UNSIGNED_BYTE = 0x08;

  private enum Kind {
    IMAGES(3, "images", "count, rows, columns"),
    LABELS(1, "labels", "count");

    final int dims;
    final String noun;
    final String dimNames;

    Kind(int dims, String noun, String dimNames) {
      this.dims = dims;
      this.noun = noun;
      this.dimNames = dimNames;
    }
  }

  private record Contents(int[] dims, byte[] data) {}

  private Idx() {}

  /** Images of an IDX file with 3 dimensions: float32 [N, rows, cols, 1], values 0..255. */
  public static FeatureArray readImages(Path file) throws IOException {
    try (InputStream in = open(file)) {
      return readImages(in, file.toString());
    }
  }

  /** Images from an IDX stream (read to its end and closed); {@code name} is for messages. */
  public static FeatureArray readImages(InputStream in, String name) throws IOException {
    return images(read(in, name, Kind.IMAGES));
  }

  /**
   * The first {@code limit} images (all when negative or not smaller) of the IDX data in {@code
   * source}, which is left positioned after them.
   */
  static FeatureArray readImages(ByteSource source, String name, int limit) throws IOException {
    return images(readItems(source, name, Kind.IMAGES, limit));
  }

  private static FeatureArray images(Contents c) {
    float[] values = new float[c.data.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = c.data[i] & 0xff;
    }
    return FeatureArray.ofFloats(values, c.dims[0], c.dims[1], c.dims[2], 1);
  }

  /** Labels of an IDX file with 1 dimension: int64 [N]. */
  public static FeatureArray readLabels(Path file) throws IOException {
    try (InputStream in = open(file)) {
      return readLabels(in, file.toString());
    }
  }

  /** Labels from an IDX stream (read to its end and closed); {@code name} is for messages. */
  public static FeatureArray readLabels(InputStream in, String name) throws IOException {
    return labels(read(in, name, Kind.LABELS));
  }

  /** The first {@code limit} labels (all when negative), as {@code readImages} reads images. */
  static FeatureArray readLabels(ByteSource source, String name, int limit) throws IOException {
    return labels(readItems(source, name, Kind.LABELS, limit));
  }

  private static FeatureArray labels(Contents c) {
    long[] values = new long[c.data.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = c.data[i] & 0xff;
    }
    return FeatureArray.ofLongs(values, c.dims[0]);
  }

  /**
   * An images file and its labels file as {@code {"image": float32[N, rows, cols, 1] (0..255),
   * "label": int64[N]}}, checked to hold one label per image.
   */
  public static Features readLabeledImages(Path images, Path labels) throws IOException {
    FeatureArray x = readImages(images);
    FeatureArray y = readLabels(labels);
    return labeled(x, images.toString(), y, labels.toString());
  }

  /** Pairs images with labels after checking their counts match; names are for messages. */
  static Features labeled(
      FeatureArray images, String imagesName, FeatureArray labels, String labelsName)
      throws DatasetFormatException {
    if (images.rows() != labels.rows()) {
      throw new DatasetFormatException(
          labelsName + ": has " + labels.rows() + " labels but " + imagesName + " has "
              + images.rows() + " images; expected one label per image");
    }
    return Features.of(IMAGE, images, LABEL, labels);
  }

  /**
   * Writes images, float32 [N, rows, cols] or [N, rows, cols, 1] holding whole values 0..255, as
   * an IDX file, gzipped when {@code gzip} is set.
   */
  public static void writeImages(Path file, FeatureArray images, boolean gzip) throws IOException {
    long[] shape = images.shape();
    if (!(shape.length == 3 || (shape.length == 4 && shape[3] == 1))) {
      throw new IllegalArgumentException(
          "images to write must have shape [N, rows, cols] or [N, rows, cols, 1], got "
              + Arrays.toString(shape));
    }
    float[] values = images.floats();
    byte[] data = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      data[i] = toByte(values[i], i, "pixel");
    }
    write(file, new long[] {shape[0], shape[1], shape[2]}, data, gzip);
  }

  /** Writes labels, int64 [N] with values 0..255, as an IDX file, gzipped when asked. */
  public static void writeLabels(Path file, FeatureArray labels, boolean gzip) throws IOException {
    long[] shape = labels.shape();
    if (shape.length != 1) {
      throw new IllegalArgumentException(
          "labels to write must have shape [N], got " + Arrays.toString(shape));
    }
    long[] values = labels.longs();
    byte[] data = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      data[i] = toByte(values[i], i, "label");
    }
    write(file, shape, data, gzip);
  }

  private static byte toByte(double value, int index, String what) {
    if (value < 0 || value > 255 || value != Math.rint(value)) {
      throw new IllegalArgumentException(
          what + " value " + value + " at index " + index
              + " cannot be stored as an unsigned byte; expected a whole number 0..255");
    }
    return (byte) value;
  }

  private static void write(Path file, long[] dims, byte[] data, boolean gzip) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream maybeGzip = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(maybeGzip, 1 << 16))) {
      out.write(new byte[] {0, 0, UNSIGNED_BYTE, (byte) dims.length});
      for (long d : dims) {
        out.writeInt(Math.toIntExact(d));
      }
      out.write(data);
    }
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such IDX file");
    }
  }

  private static Contents read(InputStream in, String name, Kind kind) throws IOException {
    try (ByteSource source = ByteSource.open(in, name)) {
      Contents c = readItems(source, name, kind, -1);
      long extra = source.countRest();
      if (extra > 0) {
        throw new DatasetFormatException(
            name + ": " + extra + " bytes follow the " + c.dims[0] + " " + kind.noun
                + " that the header declares; expected the file to end there");
      }
      return c;
    }
  }

  /** The header and the first {@code limit} items (all when negative or not smaller). */
  private static Contents readItems(ByteSource source, String name, Kind kind, int limit)
      throws IOException {
    int[] dims = readHeader(source, name, kind);
    long itemSize = 1;
    for (int i = 1; i < dims.length; i++) {
      itemSize *= dims[i];
    }
    long total = itemSize * dims[0];
    if (total > Integer.MAX_VALUE - 8) {
      throw new DatasetFormatException(
          name + ": the header declares " + total + " values " + Arrays.toString(dims)
              + ", more than one Java array holds (at most " + (Integer.MAX_VALUE - 8) + ")");
    }
    int declared = dims[0];
    dims[0] = limit < 0 ? declared : Math.min(limit, declared);
    byte[] data = new byte[(int) (itemSize * dims[0])];
    int got = source.readFully(data, 0, data.length);
    if (got < data.length) {
      long partial = got % itemSize;
      throw new DatasetFormatException(
          name + ": expected " + declared + " " + kind.noun + describeItem(dims) + " but "
              + source.endOfData() + " after " + got / itemSize
              + (partial > 0 ? " (and " + partial + " bytes of the next)" : ""));
    }
    return new Contents(dims, data);
  }

  private static String describeItem(int[] dims) {
    return dims.length == 3 ? " of " + dims[1] + "x" + dims[2] : "";
  }

  private static int[] readHeader(ByteSource source, String name, Kind kind) throws IOException {
    byte[] magic = new byte[4];
    int got = source.readFully(magic, 0, 4);
    if (got == 0) {
      throw new DatasetFormatException(
          name + ": the file is empty; expected an IDX file of " + kind.noun);
    }
    if (got < 4) {
      throw new DatasetFormatException(
          name + ": the file ends after " + got + " bytes, inside the 4-byte IDX magic number");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new DatasetFormatException(
          name + ": not an IDX file: it starts with " + hex(magic)
              + ", expected 00 00 <type> <dimensions> (e.g. 00 00 08 0" + kind.dims + ")");
    }
    int type = magic[2] & 0xff;
    if (type != UNSIGNED_BYTE) {
      throw new DatasetFormatException(
          name + ": IDX data type 0x" + String.format("%02X", type) + " (" + typeName(type)
              + ") is not supported; expected 0x08 (unsigned byte), as MNIST uses");
    }
    int ndims = magic[3] & 0xff;
    byte[] sizes = new byte[4 * ndims];
    got = source.readFully(sizes, 0, sizes.length);
    if (got < sizes.length) {
      throw new DatasetFormatException(
          name + ": " + source.endOfData() + " inside the header, after " + (4 + got) + " of its "
              + (4 + sizes.length) + " bytes");
    }
    int[] dims = new int[ndims];
    for (int i = 0; i < ndims; i++) {
      dims[i] =
          ((sizes[4 * i] & 0xff) << 24) | ((sizes[4 * i + 1] & 0xff) << 16)
              | ((sizes[4 * i + 2] & 0xff) << 8) | (sizes[4 * i + 3] & 0xff);
    }
    if (ndims != kind.dims) {
      throw new DatasetFormatException(
          name + ": expected an IDX file of " + kind.noun + " with " + kind.dims + " dimension"
              + (kind.dims == 1 ? "" : "s") + " (" + kind.dimNames + ") but the header declares "
              + ndims + " " + Arrays.toString(unsigned(dims)));
    }
    for (int i = 0; i < ndims; i++) {
      if (dims[i] <= 0) {
        throw new DatasetFormatException(
            name + ": dimension " + i + " (" + kind.dimNames.split(", ")[i] + ") in the header is "
                + Integer.toUnsignedLong(dims[i]) + "; expected a positive size below 2^31");
      }
    }
    return dims;
  }

  private static long[] unsigned(int[] dims) {
    return Arrays.stream(dims).mapToLong(Integer::toUnsignedLong).toArray();
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(s.length() > 0 ? " " : "").append(String.format("%02x", b & 0xff));
    }
    return s.toString();
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x09 -> "signed byte";
      case 0x0B -> "short";
      case 0x0C -> "int";
      case 0x0D -> "float";
      case 0x0E -> "double";
      default -> "not an IDX type code";
    };
  }
}
