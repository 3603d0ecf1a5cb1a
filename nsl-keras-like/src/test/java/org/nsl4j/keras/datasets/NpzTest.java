package org.nsl4j.keras.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsl4j.keras.datasets.NpyWriter.float32;
import static org.nsl4j.keras.datasets.NpyWriter.int32;
import static org.nsl4j.keras.datasets.NpyWriter.int64;
import static org.nsl4j.keras.datasets.NpyWriter.npy;
import static org.nsl4j.keras.datasets.NpyWriter.npz;
import static org.nsl4j.keras.datasets.NpyWriter.uint8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.FeatureArray;

class NpzTest {

  @TempDir Path dir;

  private static NpyArray read(byte[] npy) throws IOException {
    return Npy.read(new ByteArrayInputStream(npy), "a.npy");
  }

  private static String error(byte[] npy) {
    return assertThrows(DatasetFormatException.class, () -> read(npy)).getMessage();
  }

  @Test
  void readsMnistStyleArchiveStoredAndDeflated() throws IOException {
    int[] pixels = new int[2 * 2 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i * 20;
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("x_train.npy", npy("|u1", false, new long[] {2, 2, 3}, uint8(pixels), 1));
    entries.put("y_train.npy", npy("<i8", false, new long[] {2}, int64(7, 3), 1));
    for (boolean deflate : new boolean[] {false, true}) {
      Path file = npz(dir.resolve("mnist-" + deflate + ".npz"), entries, deflate);
      Map<String, NpyArray> arrays = Npz.read(file, "x_train", "y_train.npy");
      NpyArray x = arrays.get("x_train");
      assertEquals("uint8", x.dtype());
      assertArrayEquals(new long[] {2, 2, 3}, x.shape());
      assertEquals(file + " entry x_train.npy", x.name());
      FeatureArray images = x.toFloats();
      assertArrayEquals(new float[] {0, 20, 40}, Arrays.copyOf(images.floats(), 3));
      assertEquals(220f, images.floats()[11]);
      assertArrayEquals(new long[] {7, 3}, arrays.get("y_train.npy").toLongs().longs());
    }
  }

  @Test
  void readsOtherDtypesAndVersionTwoHeaders() throws IOException {
    NpyArray ints = read(npy("<i4", false, new long[] {3}, int32(-1, 0, 9), 2));
    assertArrayEquals(new long[] {-1, 0, 9}, ints.toLongs().longs());
    NpyArray floats = read(npy("<f4", false, new long[] {1, 2}, float32(0.5f, 255f), 1));
    assertArrayEquals(new float[] {0.5f, 255f}, floats.toFloats().floats());
    assertArrayEquals(new long[] {1, 2}, floats.toFloats().shape());
    NpyArray wholeFloats = read(npy("<f4", false, new long[] {2}, float32(4f, 2f), 1));
    assertArrayEquals(new long[] {4, 2}, wholeFloats.toLongs().longs());
  }

  @Test
  void acceptsHeaderVariantsNumpyHasWritten() throws IOException {
    String python2 = "{'descr': '|u1', 'fortran_order': False, 'shape': (2L, 1L), }";
    assertArrayEquals(new long[] {2, 1}, read(npy(python2, uint8(1, 2), 1)).shape());
    String reordered = "{\"shape\": (2,), \"fortran_order\": False, \"descr\": \"<i8\"}";
    assertArrayEquals(new long[] {5, 6}, read(npy(reordered, int64(5, 6), 1)).toLongs().longs());
    String scalar = "{'descr': '<i8', 'fortran_order': False, 'shape': ()}";
    assertEquals(1, read(npy(scalar, int64(42), 1)).size());
  }

  @Test
  void fortranOrderIsRejected() {
    byte[] npy = npy("|u1", true, new long[] {2, 2}, uint8(1, 2, 3, 4), 1);
    assertEquals("a.npy: arrays in Fortran order are not supported; expected C order"
        + " ('fortran_order': False), e.g. saved via numpy.ascontiguousarray", error(npy));
  }

  @Test
  void unknownAndBigEndianDtypesAreRejected() {
    assertEquals("a.npy: dtype '<c16' is not supported; expected one of '|u1' (uint8),"
            + " '<i4' (int32), '<i8' (int64), '<f4' (float32)",
        error(npy("<c16", false, new long[] {1}, new byte[16], 1)));
    assertEquals("a.npy: big-endian dtype '>i8' is not supported; expected little-endian '<i8'",
        error(npy(">i8", false, new long[] {1}, new byte[8], 1)));
    String structured = "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (1,), }";
    assertEquals("a.npy: structured dtype [[a, <i4]] is not supported; expected a plain dtype"
        + " such as '|u1' or '<i8'", error(npy(structured, new byte[4], 1)));
  }

  @Test
  void truncatedAndTrailingDataAreRejected() {
    byte[] full = npy("<i8", false, new long[] {2, 3}, int64(1, 2, 3, 4, 5, 6), 1);
    assertEquals(
        "a.npy: expected 2x3 values of int64 (48 bytes) but the file ends after 40 bytes",
        error(Arrays.copyOf(full, full.length - 8)));
    assertEquals("a.npy: 3 bytes follow the 2x3 values of int64 (48 bytes) that the header"
        + " declares; expected the data to end there", error(Arrays.copyOf(full, full.length + 3)));
  }

  @Test
  void brokenHeadersAreRejected() {
    assertEquals("a.npy: not a .npy array: expected it to start with \\x93NUMPY and a version",
        error("PK\3\4 not numpy".getBytes()));
    byte[] v4 = npy("<i8", false, new long[] {1}, int64(1), 1);
    v4[6] = 4;
    assertEquals("a.npy: .npy version 4.0 is not supported; expected 1.0, 2.0 or 3.0", error(v4));
    String noShape = "{'descr': '<i8', 'fortran_order': False}";
    assertEquals("a.npy: the .npy header has no 'shape' (it has [descr, fortran_order])",
        error(npy(noShape, int64(1), 1)));
    String unclosed = "{'descr': '<i8', 'fortran_order': False, 'shape': (1,";
    assertEquals("a.npy: cannot parse the .npy header " + unclosed + " (missing ')'); expected a"
            + " dict like {'descr': '|u1', 'fortran_order': False, 'shape': (2, 3)}",
        error(npy(unclosed, int64(1), 1)));
  }

  @Test
  void archiveErrorsNameTheFileAndEntry() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("x_train.npy", npy("|u1", true, new long[] {1}, uint8(1), 1));
    Path file = npz(dir.resolve("mnist.npz"), entries, true);
    assertEquals(file + ": has no entry y_test.npy; its entries are [x_train.npy]",
        assertThrows(DatasetFormatException.class, () -> Npz.read(file, "y_test")).getMessage());
    String fortran = assertThrows(DatasetFormatException.class,
        () -> Npz.read(file, "x_train")).getMessage();
    assertEquals(file + " entry x_train.npy: arrays in Fortran order are not supported;"
        + " expected C order ('fortran_order': False), e.g. saved via numpy.ascontiguousarray",
        fortran);
    Path notZip = Files.write(dir.resolve("fake.npz"), new byte[] {1, 2, 3});
    String message = assertThrows(DatasetFormatException.class,
        () -> Npz.read(notZip, "x_train")).getMessage();
    assertTrue(message.startsWith(notZip + ": not a readable .npz (zip) archive"), message);
  }
}
