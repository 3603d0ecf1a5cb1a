package org.nsl4j.keras.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

class IdxTest {

  @TempDir Path dir;

  private static FeatureArray randomImages(int n, int rows, int cols) {
    Random random = new Random(7);
    float[] pixels = new float[n * rows * cols];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextInt(256);
    }
    return FeatureArray.ofFloats(pixels, n, rows, cols, 1);
  }

  private static byte[] header(int type, int... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void imagesRoundTripRawAndGzipped() throws IOException {
    FeatureArray images = randomImages(5, 4, 3);
    for (boolean gzip : new boolean[] {false, true}) {
      Path file = dir.resolve("images-" + gzip);
      Idx.writeImages(file, images, gzip);
      byte[] written = Files.readAllBytes(file);
      if (gzip) {
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b}, Arrays.copyOf(written, 2));
      } else {
        assertArrayEquals(header(8, 5, 4, 3), Arrays.copyOf(written, 16));
        assertEquals(16 + 5 * 4 * 3, written.length);
      }
      FeatureArray back = Idx.readImages(file);
      assertArrayEquals(new long[] {5, 4, 3, 1}, back.shape());
      assertArrayEquals(images.floats(), back.floats());
    }
  }

  @Test
  void labelsRoundTripRawAndGzipped() throws IOException {
    FeatureArray labels = FeatureArray.ofLongs(new long[] {0, 9, 3, 255, 7}, 5);
    for (boolean gzip : new boolean[] {false, true}) {
      Path file = dir.resolve("labels-" + gzip + ".gz");
      Idx.writeLabels(file, labels, gzip);
      assertEquals(gzip, Files.readAllBytes(file)[0] == 0x1f);
      FeatureArray back = Idx.readLabels(file);
      assertArrayEquals(new long[] {5}, back.shape());
      assertArrayEquals(labels.longs(), back.longs());
    }
  }

  @Test
  void readsPairAndChecksCounts() throws IOException {
    Path images = dir.resolve("images.gz");
    Path labels = dir.resolve("labels.gz");
    Idx.writeImages(images, randomImages(3, 2, 2), true);
    Idx.writeLabels(labels, FeatureArray.ofLongs(new long[] {1, 2, 3}, 3), true);
    Features pair = Idx.readLabeledImages(images, labels);
    assertEquals(3, pair.rows());
    assertArrayEquals(new long[] {1, 2, 3}, pair.get(Idx.LABEL).longs());

    Idx.writeLabels(labels, FeatureArray.ofLongs(new long[] {1, 2}, 2), true);
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Idx.readLabeledImages(images, labels));
    assertEquals(labels + ": has 2 labels but " + images
        + " has 3 images; expected one label per image", e.getMessage());
  }

  @Test
  void truncatedLabelsNameTheFileAndTheCounts() throws IOException {
    Path file = file("t10k-labels-idx1-ubyte", concat(header(8, 10000), new byte[9000]));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Idx.readLabels(file));
    assertEquals(file + ": expected 10000 labels but the file ends after 9000", e.getMessage());
  }

  @Test
  void truncatedImagesCountWholeImagesAndTheRest() throws IOException {
    Path file = file("images", concat(header(8, 3, 2, 2), new byte[9]));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Idx.readImages(file));
    assertEquals(
        file + ": expected 3 images of 2x2 but the file ends after 2 (and 1 bytes of the next)",
        e.getMessage());
  }

  @Test
  void truncatedGzipIsReportedNotThrownRaw() throws IOException {
    Random random = new Random(1);
    byte[] labels = new byte[20000];
    random.nextBytes(labels);
    byte[] gz = gzip(concat(header(8, 20000), labels));
    Path file = file("labels.gz", Arrays.copyOf(gz, gz.length / 2));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Idx.readLabels(file));
    String expected = file + ": expected 20000 labels but the compressed data breaks off after ";
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    Path file = file("labels.gz", gzip(concat(header(8, 4), new byte[6])));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Idx.readLabels(file));
    assertEquals(file + ": 2 bytes follow the 4 labels that the header declares;"
        + " expected the file to end there", e.getMessage());
  }

  @Test
  void badMagicIsRejected() throws IOException {
    Path file = file("images.zip", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Idx.readImages(file));
    assertEquals(file + ": not an IDX file: it starts with 50 4b 03 04,"
        + " expected 00 00 <type> <dimensions> (e.g. 00 00 08 03)", e.getMessage());
  }

  @Test
  void otherDataTypesAreRejected() throws IOException {
    Path file = file("floats", concat(header(0x0D, 2), new byte[8]));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Idx.readLabels(file));
    assertEquals(file + ": IDX data type 0x0D (float) is not supported;"
        + " expected 0x08 (unsigned byte), as MNIST uses", e.getMessage());
  }

  @Test
  void wrongNumberOfDimensionsIsRejected() throws IOException {
    Path file = file("labels", concat(header(8, 2), new byte[2]));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Idx.readImages(file));
    assertEquals(file + ": expected an IDX file of images with 3 dimensions (count, rows, columns)"
        + " but the header declares 1 [2]", e.getMessage());
  }

  @Test
  void nonPositiveDimensionsAreRejected() throws IOException {
    Path file = file("images", header(8, 2, 0, 28));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Idx.readImages(file));
    assertEquals(
        file + ": dimension 1 (rows) in the header is 0; expected a positive size below 2^31",
        e.getMessage());
  }

  @Test
  void emptyAndShortHeadersAreRejected() throws IOException {
    Path empty = file("empty", new byte[0]);
    assertEquals(empty + ": the file is empty; expected an IDX file of labels",
        assertThrows(DatasetFormatException.class, () -> Idx.readLabels(empty)).getMessage());
    Path shortHeader = file("short", Arrays.copyOf(header(8, 3, 28, 28), 10));
    assertEquals(shortHeader + ": the file ends inside the header, after 10 of its 16 bytes",
        assertThrows(DatasetFormatException.class, () -> Idx.readImages(shortHeader)).getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope-idx1-ubyte.gz");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Idx.readLabels(missing));
    assertEquals(missing + ": no such IDX file", e.getMessage());
  }

  @Test
  void writingRejectsValuesThatAreNotPixels() {
    FeatureArray scaled = FeatureArray.ofFloats(new float[] {0f, 0.5f}, 1, 1, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Idx.writeImages(dir.resolve("x"), scaled, false));
    assertEquals("pixel value 0.5 at index 1 cannot be stored as an unsigned byte;"
        + " expected a whole number 0..255", e.getMessage());
  }

  @Test
  void pixelsToUnitRange() {
    FeatureArray raw = FeatureArray.ofFloats(new float[] {0f, 51f, 255f}, 1, 3);
    FeatureArray unit = Pixels.toUnitRange(raw);
    assertArrayEquals(new float[] {0f, 0.2f, 1f}, unit.floats(), 1e-7f);
    assertArrayEquals(raw.shape(), unit.shape());
  }
}
