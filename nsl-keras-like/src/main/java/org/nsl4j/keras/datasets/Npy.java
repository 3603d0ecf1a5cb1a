package org.nsl4j.keras.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads NumPy's {@code .npy} format, versions 1.0 to 3.0: the magic {@code \x93NUMPY}, a
 * version, a little-endian header length, a header dict (see {@link NpyHeader}), then the
 * values. Arrays must be in C order with a dtype of {@link NpyType}.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private Npy() {}

  /** Reads one array from {@code in} (to its end, then closed); {@code name} is for messages. */
  public static NpyArray read(InputStream in, String name) throws IOException {
    try (ByteSource source = ByteSource.open(in, name)) {
      byte[] preamble = new byte[8];
      int got = source.readFully(preamble, 0, 8);
      if (got < 8 || !Arrays.equals(Arrays.copyOf(preamble, 6), MAGIC)) {
        throw new DatasetFormatException(
            name + ": not a .npy array: expected it to start with \\x93NUMPY and a version");
      }
      int major = preamble[6];
      int minor = preamble[7];
      if (major < 1 || major > 3) {
        throw new DatasetFormatException(
            name + ": .npy version " + major + "." + minor + " is not supported; expected 1.0,"
                + " 2.0 or 3.0");
      }
      int lengthBytes = major == 1 ? 2 : 4;
      byte[] length = new byte[lengthBytes];
      ByteBuffer lengthBuffer = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN);
      if (source.readFully(length, 0, lengthBytes) < lengthBytes) {
        throw new DatasetFormatException(
            name + ": " + source.endOfData() + " inside the .npy header");
      }
      long headerLength =
          major == 1 ? lengthBuffer.getShort() & 0xffff : lengthBuffer.getInt() & 0xffffffffL;
      if (headerLength > 1 << 20) {
        throw new DatasetFormatException(
            name + ": .npy header length " + headerLength + " is implausible; expected a few"
                + " hundred bytes");
      }
      byte[] headerBytes = new byte[(int) headerLength];
      if (source.readFully(headerBytes, 0, headerBytes.length) < headerBytes.length) {
        throw new DatasetFormatException(
            name + ": " + source.endOfData() + " inside the .npy header (declared as "
                + headerLength + " bytes)");
      }
      Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
      String text = new String(headerBytes, charset);
      NpyHeader header = NpyHeader.parse(text, name);
      if (header.fortranOrder()) {
        throw new DatasetFormatException(
            name + ": arrays in Fortran order are not supported; expected C order"
                + " ('fortran_order': False), e.g. saved via numpy.ascontiguousarray");
      }
      NpyType type = NpyType.of(header.descr(), name);
      return new NpyArray(name, type, header.shape(), readData(source, name, header, type));
    }
  }

  private static ByteBuffer readData(
      ByteSource source, String name, NpyHeader header, NpyType type) throws IOException {
    long count = 1;
    for (long d : header.shape()) {
      count = Math.multiplyExact(count, d);
    }
    long bytes = count * type.size();
    String what =
        Arrays.stream(header.shape()).mapToObj(Long::toString).collect(Collectors.joining("x"))
            + " values of " + type + " (" + bytes + " bytes)";
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new DatasetFormatException(
          name + ": " + what + " are more than one Java array holds");
    }
    byte[] data = new byte[(int) bytes];
    int got = source.readFully(data, 0, data.length);
    if (got < data.length) {
      throw new DatasetFormatException(
          name + ": expected " + what + " but " + source.endOfData() + " after " + got + " bytes");
    }
    long extra = source.countRest();
    if (extra > 0) {
      throw new DatasetFormatException(
          name + ": " + extra + " bytes follow the " + what + " that the header declares;"
              + " expected the data to end there");
    }
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }
}
