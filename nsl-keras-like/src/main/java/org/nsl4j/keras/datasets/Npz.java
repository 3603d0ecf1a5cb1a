package org.nsl4j.keras.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads arrays from a NumPy {@code .npz} archive (a zip of {@code .npy} files, stored or
 * deflated), such as Keras's cached {@code ~/.keras/datasets/mnist.npz}.
 */
public final class Npz {

  private Npz() {}

  /**
   * Reads the arrays {@code names} (entry names with or without {@code .npy}) from {@code file},
   * keyed by the names as given. A missing entry is an error listing the ones present.
   */
  public static Map<String, NpyArray> read(Path file, String... names) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such .npz file");
    }
    try (ZipFile zip = open(file)) {
      Map<String, NpyArray> arrays = new LinkedHashMap<>();
      for (String name : names) {
        String entryName = name.endsWith(".npy") ? name : name + ".npy";
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
          List<String> present =
              Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
          throw new DatasetFormatException(
              file + ": has no entry " + entryName + "; its entries are " + present);
        }
        arrays.put(name, Npy.read(zip.getInputStream(entry), file + " entry " + entryName));
      }
      return arrays;
    }
  }

  private static ZipFile open(Path file) throws IOException {
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new DatasetFormatException(
          file + ": not a readable .npz (zip) archive (" + e.getMessage() + ")", e);
    }
  }
}
