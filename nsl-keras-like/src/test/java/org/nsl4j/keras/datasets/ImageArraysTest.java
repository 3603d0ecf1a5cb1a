package org.nsl4j.keras.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsl4j.keras.datasets.NpyWriter.float32;
import static org.nsl4j.keras.datasets.NpyWriter.int64;
import static org.nsl4j.keras.datasets.NpyWriter.npy;
import static org.nsl4j.keras.datasets.NpyWriter.npz;
import static org.nsl4j.keras.datasets.NpyWriter.uint8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.Features;

/** Labeled images of any size and channel count from .npz and .npy files. */
class ImageArraysTest {

  @TempDir Path dir;

  private Path cifarLike(byte[] labels, long... labelShape) throws IOException {
    int[] pixels = new int[3 * 2 * 2 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i * 7 % 256;
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("x_test.npy", npy("|u1", false, new long[] {3, 2, 2, 3}, uint8(pixels), 1));
    entries.put("y_test.npy", npy("<i8", false, labelShape, labels, 1));
    return npz(dir.resolve("cifar.npz"), entries, true);
  }

  @Test
  void colorImagesFromAnNpzArchive() throws IOException {
    Features f = ImageArrays.readNpz(cifarLike(int64(6, 9, 0), 3, 1), "x_test", "y_test", true);
    assertArrayEquals(new long[] {3, 2, 2, 3}, f.get(Idx.IMAGE).shape());
    assertArrayEquals(new long[] {6, 9, 0}, f.get(Idx.LABEL).longs());
    assertArrayEquals(new float[] {0, 7 / 255f, 14 / 255f}, java.util.Arrays.copyOf(
        f.get(Idx.IMAGE).floats(), 3), 1e-7f);
    Features raw = ImageArrays.readNpz(cifarLike(int64(6, 9, 0), 3), "x_test", "y_test", false);
    assertArrayEquals(new float[] {0, 7, 14}, java.util.Arrays.copyOf(
        raw.get(Idx.IMAGE).floats(), 3), 0f);
  }

  @Test
  void grayImagesFromNpyFilesGetAChannel() throws IOException {
    Path x = Files.write(dir.resolve("x.npy"), npy("<f4", false, new long[] {2, 2, 2},
        float32(0.5f, 0, 0, 1, 1, 1, 0, 0), 1));
    Path y = Files.write(dir.resolve("y.npy"), npy("<i8", false, new long[] {2}, int64(1, 0), 1));
    Features f = ImageArrays.readNpy(x, y, true);
    assertArrayEquals(new long[] {2, 2, 2, 1}, f.get(Idx.IMAGE).shape());
    assertArrayEquals(new float[] {0.5f, 0, 0, 1}, java.util.Arrays.copyOf(
        f.get(Idx.IMAGE).floats(), 4), 0f, "float images are kept as stored");
  }

  @Test
  void badShapesAndCountsAreNamed() throws IOException {
    String oneHot = assertThrows(DatasetFormatException.class, () -> ImageArrays.readNpz(
        cifarLike(int64(0, 1, 0, 0, 0, 1), 3, 2), "x_test", "y_test", true)).getMessage();
    assertTrue(oneHot.contains("y_test.npy: labels have shape [3, 2]; expected [N] or [N, 1]"),
        oneHot);
    String count = assertThrows(DatasetFormatException.class, () -> ImageArrays.readNpz(
        cifarLike(int64(1, 2), 2), "x_test", "y_test", true)).getMessage();
    assertTrue(count.contains("has 2 labels but") && count.contains("has 3 images"), count);
    Path flat = Files.write(dir.resolve("flat.npy"), npy("<f4", false, new long[] {2, 4},
        float32(0, 0, 0, 0, 0, 0, 0, 0), 1));
    String rank = assertThrows(DatasetFormatException.class, () -> ImageArrays.readNpy(flat,
        flat, true)).getMessage();
    assertTrue(rank.contains("flat.npy: images have shape [2, 4]; expected [N, height, width,"
        + " channels]"), rank);
  }
}
