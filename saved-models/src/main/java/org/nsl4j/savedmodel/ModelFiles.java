package org.nsl4j.savedmodel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Opens a Keras model file by its content, not its name: a directory is a SavedModel (with {@code
 * saved_model.pb}) or an unzipped {@code .keras} archive (with {@code config.json}); a file is a
 * {@code .keras} zip when it starts with the zip signature {@code PK\3\4}, or HDF5 when it has
 * the HDF5 signature at offset 0, 512, 1024, 2048... (after a user block).
 */
final class ModelFiles {

  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private ModelFiles() {}

  /** The model at {@code path}, opened; the caller closes it. */
  static KerasSource open(Path path) {
    if (Files.isDirectory(path)) {
      boolean archive = Files.isRegularFile(path.resolve(KerasArchiveSource.CONFIG))
          && !Files.exists(path.resolve("saved_model.pb"));
      return archive ? KerasArchiveSource.directory(path) : SavedModelSource.open(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new SavedModelException("no model at " + path + ": expected a SavedModel directory,"
          + " a .keras archive or an HDF5 (.h5) file");
    }
    byte[] head = head(path, ZIP.length);
    if (Arrays.equals(head, ZIP)) {
      return KerasArchiveSource.zip(path);
    }
    if (isHdf5(path)) {
      return new H5Source(path);
    }
    throw new SavedModelException(path + " is neither a .keras (zip) archive nor an HDF5 file"
        + " (it starts with bytes " + HexFormat.ofDelimiter(" ").formatHex(head(path, 8))
        + "); a SavedModel is a directory");
  }

  private static boolean isHdf5(Path file) {
    try {
      long size = Files.size(file);
      for (long offset = 0; offset + HDF5.length <= size; offset = offset == 0 ? 512 : offset * 2) {
        if (Arrays.equals(bytesAt(file, offset, HDF5.length), HDF5)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static byte[] head(Path file, int n) {
    try {
      return bytesAt(file, 0, n);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static byte[] bytesAt(Path file, long offset, int n) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(Math.min(offset, Files.size(file)));
      return in.readNBytes(n);
    }
  }

  private static SavedModelException unreadable(Path file, IOException e) {
    return new SavedModelException("cannot read " + file + ": " + e.getMessage(), e);
  }
}
