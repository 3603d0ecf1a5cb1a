package org.nsl4j.keras.datasets;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of a named file, gunzipped when they start with the gzip magic bytes. Reads report
 * how far they got instead of throwing at the end of the data, and broken gzip data becomes a
 * {@link DatasetFormatException} that names the file.
 */
final class ByteSource implements Closeable {

  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final String name;
  private final boolean gzipped;
  private boolean cutOff;
  private long position;

  private ByteSource(InputStream in, String name, boolean gzipped) {
    this.in = in;
    this.name = name;
    this.gzipped = gzipped;
  }

  /** Wraps {@code raw} (closed with this source), detecting gzip by its first two bytes. */
  static ByteSource open(InputStream raw, String name) throws IOException {
    return open(raw, name, null);
  }

  /**
   * As {@link #open(InputStream, String)}, with {@code digest} (when not null) updated with every
   * byte read, after decompression.
   */
  static ByteSource open(InputStream raw, String name, MessageDigest digest) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
    buffered.mark(2);
    boolean gzipped = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    try {
      InputStream data = gzipped ? new GZIPInputStream(buffered, BUFFER) : buffered;
      return new ByteSource(digest != null ? new DigestInputStream(data, digest) : data, name,
          gzipped);
    } catch (EOFException | ZipException e) {
      buffered.close();
      throw new DatasetFormatException(
          name + ": starts like a gzip file but its gzip header is broken (" + e.getMessage() + ")",
          e);
    }
  }

  /** Whether the file is gzipped. */
  boolean gzipped() {
    return gzipped;
  }

  /** Reads up to {@code len} bytes into {@code b}; fewer only when the data ends. */
  int readFully(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n;
      try {
        n = in.read(b, off + done, len - done);
      } catch (EOFException e) {
        cutOff = true;
        break;
      } catch (ZipException e) {
        throw new DatasetFormatException(
            name + ": corrupt compressed data (" + e.getMessage() + ")", e);
      }
      if (n < 0) {
        break;
      }
      done += n;
    }
    position += done;
    return done;
  }

  /** How many bytes (after decompression) have been read so far. */
  long position() {
    return position;
  }

  /** Reads and counts whatever follows; 0 when the data has ended. */
  long countRest() throws IOException {
    byte[] sink = new byte[BUFFER];
    long count = 0;
    int n;
    while ((n = readFully(sink, 0, sink.length)) > 0) {
      count += n;
    }
    return count;
  }

  /** How the data ended early, for messages: "the file ends" or that compressed data broke off. */
  String endOfData() {
    return cutOff ? "the compressed data breaks off" : "the file ends";
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
