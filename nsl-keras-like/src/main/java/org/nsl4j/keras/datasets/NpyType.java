package org.nsl4j.keras.datasets;

import java.nio.ByteBuffer;

/** The element types of {@code .npy} arrays this package reads, all little-endian. */
enum NpyType {
  UINT8("u1", 1),
  INT32("i4", 4),
  INT64("i8", 8),
  FLOAT32("f4", 4);

  private final String code;
  private final int size;

  NpyType(String code, int size) {
    this.code = code;
    this.size = size;
  }

  /** Bytes per element. */
  int size() {
    return size;
  }

  boolean isInteger() {
    return this != FLOAT32;
  }

  /** Element {@code i} of little-endian {@code data} as a double. */
  double get(ByteBuffer data, int i) {
    return switch (this) {
      case UINT8 -> data.get(i) & 0xff;
      case INT32 -> data.getInt(i * 4);
      case INT64 -> data.getLong(i * 8);
      case FLOAT32 -> data.getFloat(i * 4);
    };
  }

  /** Integer element {@code i} of little-endian {@code data}. */
  long getLong(ByteBuffer data, int i) {
    return switch (this) {
      case UINT8 -> data.get(i) & 0xff;
      case INT32 -> data.getInt(i * 4);
      case INT64 -> data.getLong(i * 8);
      case FLOAT32 -> throw new IllegalStateException("float32 is not an integer type");
    };
  }

  /**
   * The type of a NumPy {@code descr} such as {@code '|u1'} or {@code '<i8'}; the byte order
   * must be little-endian ({@code <}) or, for single bytes, irrelevant ({@code |}).
   */
  static NpyType of(String descr, String name) throws DatasetFormatException {
    if (descr.length() >= 2) {
      char order = descr.charAt(0);
      String code = descr.substring(1);
      for (NpyType t : values()) {
        if (t.code.equals(code)) {
          if (order == '<' || t.size == 1 && (order == '|' || order == '>')) {
            return t;
          }
          if (order == '>') {
            throw new DatasetFormatException(
                name + ": big-endian dtype '" + descr + "' is not supported; expected"
                    + " little-endian '<" + code + "'");
          }
        }
      }
    }
    throw new DatasetFormatException(
        name + ": dtype '" + descr + "' is not supported; expected one of '|u1' (uint8),"
            + " '<i4' (int32), '<i8' (int64), '<f4' (float32)");
  }

  @Override
  public String toString() {
    return name().toLowerCase();
  }
}
