package org.nsl4j.keras.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsl4j.keras.datasets.NpyWriter.int64;
import static org.nsl4j.keras.datasets.NpyWriter.npy;
import static org.nsl4j.keras.datasets.NpyWriter.npz;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/**
 * Source resolution, with the nsl-datasets jar on the test classpath and with it hidden behind a
 * class loader; the home is always a temporary directory and nothing is downloaded.
 */
class MnistTest {

  @TempDir Path tmp;

  private Path home() throws IOException {
    return Files.createDirectories(tmp.resolve("home"));
  }

  private MnistOptions options() throws IOException {
    return MnistOptions.defaults().home(home());
  }

  /** Writes {@code n} square images, every pixel {@code pixel}, labelled {@code i % 10}. */
  private static void writePair(Path dir, String prefix, int n, int size, int pixel)
      throws IOException {
    Files.createDirectories(dir);
    float[] pixels = new float[n * size * size];
    Arrays.fill(pixels, pixel);
    long[] labels = new long[n];
    Arrays.setAll(labels, i -> i % 10);
    Idx.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
        FeatureArray.ofFloats(pixels, n, size, size, 1), true);
    Idx.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte"), FeatureArray.ofLongs(labels, n),
        false);
  }

  /** A Keras-style mnist.npz in the home with {@code n} train and {@code m} test examples. */
  private Path writeKerasNpz(int n, int m) throws IOException {
    Path file = Files.createDirectories(home().resolve(".keras/datasets")).resolve("mnist.npz");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("x_train.npy", npy("|u1", false, new long[] {n, 3, 3}, new byte[n * 9], 1));
    entries.put("y_train.npy", npy("<i8", false, new long[] {n}, int64(new long[n]), 1));
    entries.put("x_test.npy", npy("|u1", false, new long[] {m, 3, 3}, new byte[m * 9], 1));
    entries.put("y_test.npy", npy("<i8", false, new long[] {m}, int64(new long[m]), 1));
    return npz(file, entries, true);
  }

  @Test
  void explicitDataDirWinsAndImagesAreScaled() throws IOException {
    writeKerasNpz(4, 2);
    Path dir = tmp.resolve("fashion");
    writePair(dir, "train", 5, 4, 255);
    writePair(dir, "t10k", 3, 4, 51);
    MnistData data = Mnist.load(options().dataDir(dir));
    assertEquals(SplitSource.Origin.IDX_DIR, data.trainSource().origin());
    assertEquals(SplitSource.Origin.IDX_DIR, data.testSource().origin());
    assertEquals("IDX files in data dir " + dir
            + ": train-images-idx3-ubyte.gz, train-labels-idx1-ubyte (5 images, 4x4)",
        data.trainSource().description());
    Features train = data.train();
    assertArrayEquals(new long[] {5, 4, 4, 1}, train.get(MnistData.IMAGE).shape());
    assertEquals(1f, train.get(MnistData.IMAGE).floats()[0]);
    assertArrayEquals(new long[] {0, 1, 2, 3, 4}, train.get(MnistData.LABEL).longs());
    assertEquals(0.2f, data.test().get(MnistData.IMAGE).floats()[0], 1e-6f);
    assertEquals(3, data.test().rows());
    assertTrue(data.source().startsWith("train: IDX files in data dir "), data.source());
  }

  @Test
  void missingFileInDataDirIsNamed() throws IOException {
    Path dir = tmp.resolve("data");
    writePair(dir, "train", 2, 3, 0);
    writePair(dir, "t10k", 2, 3, 0);
    Files.delete(dir.resolve("train-labels-idx1-ubyte"));
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> Mnist.load(options().dataDir(dir)));
    assertEquals(dir.resolve("train-labels-idx1-ubyte") + "[.gz]: missing from the data dir"
        + " (its pair train-images-idx3-ubyte.gz is there)", e.getMessage());
  }

  @Test
  void dataDirWithoutTestFilesIsAnErrorNotSkipped() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> Mnist.load(options().dataDir(empty)));
    assertTrue(e.getMessage().startsWith(
        empty.resolve("t10k-images-idx3-ubyte") + "[.gz]: missing from the data dir"),
        e.getMessage());
    Path absent = tmp.resolve("absent");
    e = assertThrows(NoSuchFileException.class, () -> Mnist.load(options().dataDir(absent)));
    assertEquals(absent + ": the data dir does not exist", e.getMessage());
  }

  @Test
  void kerasNpzIsUsedWhenPresent() throws IOException {
    Path file = writeKerasNpz(6, 2);
    MnistData data = Mnist.load(options());
    assertEquals(SplitSource.Origin.KERAS_NPZ, data.trainSource().origin());
    assertEquals(SplitSource.Origin.KERAS_NPZ, data.testSource().origin());
    assertEquals("Keras cache " + file + ": x_train, y_train (6 images, 3x3)",
        data.trainSource().description());
    assertArrayEquals(new long[] {6, 3, 3, 1}, data.train().get(MnistData.IMAGE).shape());
    assertEquals(2, data.test().rows());
  }

  @Test
  void testDirReplacesTheSourcesOwnTestSplit() throws IOException {
    writeKerasNpz(6, 2);
    Path testDir = tmp.resolve("test");
    writePair(testDir, "t10k", 4, 3, 0);
    MnistData data = Mnist.load(options().testDir(testDir));
    assertEquals(SplitSource.Origin.KERAS_NPZ, data.trainSource().origin());
    assertEquals(SplitSource.Origin.IDX_DIR, data.testSource().origin());
    assertEquals(4, data.test().rows());
  }

  @Test
  void dataDirWithOnlyTheTestFilesGivesTheTestSplit() throws IOException {
    writeKerasNpz(6, 2);
    Path dir = tmp.resolve("t10k-only");
    writePair(dir, "t10k", 2, 3, 0);
    MnistData data = Mnist.load(options().dataDir(dir));
    assertEquals(SplitSource.Origin.KERAS_NPZ, data.trainSource().origin());
    assertEquals(SplitSource.Origin.IDX_DIR, data.testSource().origin());
    assertEquals("IDX files in data dir " + dir
            + ": t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte (2 images, 3x3)",
        data.testSource().description());
  }

  @Test
  void npzWithMismatchedCountsIsRejected() throws IOException {
    Path file = Files.createDirectories(home().resolve(".keras/datasets")).resolve("mnist.npz");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("x_train.npy", npy("|u1", false, new long[] {3, 2, 2}, new byte[12], 1));
    entries.put("y_train.npy", npy("<i8", false, new long[] {2}, int64(0, 1), 1));
    npz(file, entries, false);
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> Mnist.load(options().testDir(writeTestDir())));
    assertEquals(file + " entry y_train.npy: has 2 labels but " + file
        + " entry x_train.npy has 3 images; expected one label per image", e.getMessage());
  }

  private Path writeTestDir() throws IOException {
    Path dir = tmp.resolve("t10k-only");
    writePair(dir, "t10k", 2, 2, 0);
    return dir;
  }

  @Test
  void downloadCacheIsUsedWithoutNetwork() throws IOException {
    Path cache = tmp.resolve("cache");
    writePair(cache, "train", 3, 2, 0);
    writePair(cache, "t10k", 2, 2, 0);
    for (String base : new String[] {"train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"}) {
      Files.move(cache.resolve(base), cache.resolve(base + ".gz"));
    }
    MnistData data = Mnist.load(options().cacheDir(cache));
    assertEquals(SplitSource.Origin.DOWNLOAD, data.trainSource().origin());
    assertTrue(data.trainSource().description().startsWith("MNIST download cache " + cache));
    assertEquals(3, data.train().rows());
  }

  /** A class loader that cannot see the nsl-datasets jar. */
  static ClassLoader withoutDatasets() {
    return new ClassLoader(null) {};
  }

  @Test
  void embeddedMnistIsTheFallbackWithItsOwnTestSplit() throws IOException {
    MnistData data = Mnist.load(options().trainLimit(500));
    assertEquals(SplitSource.Origin.EMBEDDED, data.trainSource().origin());
    assertEquals(SplitSource.Origin.EMBEDDED, data.testSource().origin());
    assertEquals("MNIST embedded in org.nsl4j:nsl-datasets: train-images-idx3-ubyte.gz,"
        + " train-labels-idx1-ubyte.gz (60,000 images, 28x28, SHA-256 verified); first 500 of"
        + " 60,000 used (trainLimit)", data.trainSource().description());
    assertEquals("MNIST embedded in org.nsl4j:nsl-datasets: t10k-images-idx3-ubyte.gz,"
        + " t10k-labels-idx1-ubyte.gz (10,000 images, 28x28, SHA-256 verified)",
        data.testSource().description());
    assertEquals(500, data.train().rows());
    assertEquals(10_000, data.test().rows());
    assertArrayEquals(EmbeddedMnistTest.TEST_CLASS_COUNTS,
        EmbeddedMnistTest.classCounts(data.test()));
    float max = 0;
    for (float p : data.test().get(MnistData.IMAGE).floats()) {
      assertTrue(p >= 0f && p <= 1f);
      max = Math.max(max, p);
    }
    assertEquals(1f, max);
  }

  @Test
  void withoutTheDatasetsJarNoDataIsAnErrorNamingTheWaysToGetSome() throws IOException {
    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> Mnist.load(options().classLoader(withoutDatasets())));
    String message = e.getMessage();
    assertTrue(message.startsWith("no MNIST training data: no data dir was given, there is no "
        + home().resolve(".keras/datasets/mnist.npz")), message);
    assertTrue(message.contains(", download is off, and org.nsl4j:nsl-datasets is not on the"
        + " classpath (no resource org/nsl4j/datasets/mnist/)"), message);
    assertTrue(message.endsWith("Get the digits in one of three ways: put the"
        + " org.nsl4j:nsl-datasets jar on the classpath, give a data dir with the four MNIST IDX"
        + " files, or allow the download from " + MnistDownload.MIRROR), message);
  }

  @Test
  void hiddenDatasetsJarLeavesTheOtherSourcesInOrder() throws IOException {
    writeKerasNpz(6, 2);
    MnistData data = Mnist.load(options().classLoader(withoutDatasets()));
    assertEquals(SplitSource.Origin.KERAS_NPZ, data.trainSource().origin());
    assertEquals(SplitSource.Origin.KERAS_NPZ, data.testSource().origin());
  }

  @Test
  void unreachableDownloadFallsBackQuickly() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI mirror = URI.create("http://127.0.0.1:" + closedPort + "/mnist/");
    MnistOptions download =
        options().allowDownload(true).mirror(mirror).cacheDir(tmp.resolve("cache"));
    MnistData data = Mnist.load(download.trainLimit(10).testLimit(10));
    assertEquals(SplitSource.Origin.EMBEDDED, data.trainSource().origin());
    try (var left = Files.list(tmp.resolve("cache"))) {
      assertEquals(0, left.count(), "nothing may be left in the cache");
    }
    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> Mnist.load(download.classLoader(withoutDatasets())));
    assertTrue(e.getMessage().contains(", the download failed: cannot connect to " + mirror),
        e.getMessage());
  }

  @Test
  void limitsAndImageSizesAreChecked() throws IOException {
    Path dir = tmp.resolve("data");
    writePair(dir, "train", 5, 4, 0);
    writePair(dir, "t10k", 5, 4, 0);
    MnistData data = Mnist.load(options().dataDir(dir).trainLimit(3).testLimit(2));
    assertEquals(3, data.train().rows());
    assertEquals(2, data.test().rows());
    assertTrue(data.testSource().description().endsWith("; first 2 of 5 used (testLimit)"));
    MnistData all = Mnist.load(options().dataDir(dir).trainLimit(8).testLimit(5));
    assertEquals(5, all.train().rows(), "a limit above the data keeps it all");
    assertTrue(all.trainSource().description().endsWith(
        "; trainLimit 8 is more than the 5 there are: all used"), all.trainSource().description());
    assertFalse(all.testSource().description().contains("testLimit"),
        "a limit equal to the size changes nothing");

    Path other = tmp.resolve("other");
    writePair(other, "t10k", 2, 5, 0);
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> Mnist.load(options().dataDir(dir).testDir(other)));
    assertTrue(e.getMessage().startsWith("MNIST train images are 4x4 (IDX files in data dir "),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MnistOptions.defaults().trainLimit(0));
  }
}
