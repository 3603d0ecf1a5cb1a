package org.nsl4j.keras.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.Features;

/** The full MNIST of the nsl-datasets jar (a test dependency), and damaged copies of it. */
class EmbeddedMnistTest {

  /** Digits per class in MNIST's 60,000 training images. */
  static final int[] TRAIN_CLASS_COUNTS =
      {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
  /** Digits per class in MNIST's 10,000 test images. */
  static final int[] TEST_CLASS_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

  @TempDir Path tmp;

  static int[] classCounts(Features examples) {
    int[] counts = new int[10];
    for (long label : examples.get(Idx.LABEL).longs()) {
      counts[(int) label]++;
    }
    return counts;
  }

  private static ClassLoader loader() {
    return EmbeddedMnistTest.class.getClassLoader();
  }

  private static byte[] resource(EmbeddedMnist.StandardFile file) throws IOException {
    try (InputStream in = loader().getResourceAsStream(file.resource())) {
      assertTrue(in != null, file.resource() + " must be in the nsl-datasets jar");
      return in.readAllBytes();
    }
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void resourcesAreTheStandardFilesByChecksum() throws Exception {
    String[] standard = {
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"};
    for (int i = 0; i < standard.length; i++) {
      EmbeddedMnist.StandardFile file = EmbeddedMnist.FILES.get(i);
      byte[] data = gunzip(resource(file));
      assertEquals(standard[i], sha256(data), file.name());
      assertEquals(standard[i], file.sha256(), file.name());
      assertEquals(file.size(), data.length, file.name());
    }
    assertTrue(loader().getResource(EmbeddedMnist.DIR + "ATTRIBUTION.txt") != null,
        "the data's attribution ships with it");
  }

  @Test
  void allSixtyThousandAndTenThousandRealDigits() throws IOException {
    Splits all = EmbeddedMnist.read(loader(), -1, -1, true);
    assertArrayEquals(new long[] {60_000, 28, 28, 1}, all.train().examples().get(Idx.IMAGE).shape());
    assertArrayEquals(new long[] {10_000, 28, 28, 1}, all.test().examples().get(Idx.IMAGE).shape());
    assertArrayEquals(TRAIN_CLASS_COUNTS, classCounts(all.train().examples()));
    assertArrayEquals(TEST_CLASS_COUNTS, classCounts(all.test().examples()));
    Splits first = EmbeddedMnist.read(loader(), 100, 7, true);
    assertEquals(100, first.train().rows());
    assertEquals(60_000, first.train().available());
    assertEquals(7, first.test().rows());
    float[] some = first.train().examples().get(Idx.IMAGE).floats();
    float[] whole = all.train().examples().get(Idx.IMAGE).floats();
    assertArrayEquals(Arrays.copyOf(whole, some.length), some, "a prefix is the first digits");
  }

  /** A class loader over a copy of the four resources, {@code change}d by the test. */
  private ClassLoader copyWith(String name, Damage change) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("copy").resolve(EmbeddedMnist.DIR));
    for (EmbeddedMnist.StandardFile file : EmbeddedMnist.FILES) {
      byte[] gz = resource(file);
      Path target = dir.resolve(file.name() + ".gz");
      if (file.name().equals(name)) {
        change.apply(gz, target);
      } else {
        Files.write(target, gz);
      }
    }
    return new URLClassLoader(new URL[] {tmp.resolve("copy").toUri().toURL()}, null);
  }

  private interface Damage {
    void apply(byte[] gz, Path target) throws IOException;
  }

  private static String expected(EmbeddedMnist.StandardFile file) {
    return "; expected the standard MNIST file " + file.name() + ", gzipped ("
        + String.format(java.util.Locale.ROOT, "%,d", file.size()) + " bytes uncompressed,"
        + " SHA-256 " + file.sha256() + "). The org.nsl4j:nsl-datasets jar is damaged: build or"
        + " download it again";
  }

  @Test
  void alteredDigitIsAWrongChecksum() throws Exception {
    EmbeddedMnist.StandardFile labels = EmbeddedMnist.TRAIN_LABELS;
    byte[] changed = gunzip(resource(labels));
    changed[changed.length - 1] = (byte) ((changed[changed.length - 1] + 1) % 10);
    ClassLoader copy = copyWith(labels.name(), (gz, target) -> {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
        out.write(changed);
      }
    });
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> EmbeddedMnist.read(copy, 10, 10, true));
    URL url = copy.getResource(labels.resource());
    assertEquals(url + ": the data has SHA-256 " + sha256(changed) + expected(labels),
        e.getMessage());
  }

  @Test
  void truncatedGzipIsNamed() throws IOException {
    EmbeddedMnist.StandardFile images = EmbeddedMnist.TEST_IMAGES;
    ClassLoader copy = copyWith(images.name(),
        (gz, target) -> Files.write(target, Arrays.copyOf(gz, gz.length / 2)));
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> EmbeddedMnist.read(copy, 10, 10, true));
    String message = e.getMessage();
    URL url = copy.getResource(images.resource());
    assertTrue(message.startsWith(url + ": the compressed data breaks off after "), message);
    assertTrue(message.endsWith(" bytes" + expected(images)), message);
  }

  @Test
  void truncatedBeforeTheDigitsNeededIsNamed() throws IOException {
    EmbeddedMnist.StandardFile images = EmbeddedMnist.TEST_IMAGES;
    ClassLoader copy = copyWith(images.name(),
        (gz, target) -> Files.write(target, Arrays.copyOf(gz, 2_000)));
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> EmbeddedMnist.read(copy, 10, -1, true));
    String message = e.getMessage();
    assertTrue(message.startsWith(copy.getResource(images.resource())
        + ": expected 10000 images of 28x28 but the compressed data breaks off after "), message);
    assertTrue(message.endsWith(expected(images)), message);
  }

  @Test
  void missingResourceIsNamed() throws IOException {
    EmbeddedMnist.StandardFile labels = EmbeddedMnist.TEST_LABELS;
    ClassLoader copy = copyWith(labels.name(), (gz, target) -> { });
    assertTrue(EmbeddedMnist.present(copy));
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> Mnist.load(MnistOptions.defaults().home(tmp).classLoader(copy)));
    assertEquals("org/nsl4j/datasets/mnist/t10k-labels-idx1-ubyte.gz: missing from the"
        + " org.nsl4j:nsl-datasets resources on the classpath, which hold other MNIST files;"
        + " expected the standard MNIST file t10k-labels-idx1-ubyte, gzipped (10,008 bytes"
        + " uncompressed, SHA-256 " + labels.sha256() + ")", e.getMessage());
  }

  @Test
  void eachResourceIsVerifiedOncePerJvmThenReadOnlyAsFarAsNeeded() throws IOException {
    EmbeddedMnist.StandardFile labels = EmbeddedMnist.TEST_LABELS;
    ClassLoader copy = copyWith(labels.name(), (gz, target) -> Files.write(target, gz));
    assertEquals(10_000, EmbeddedMnist.read(copy, 5, -1, true).test().rows());
    Path file = tmp.resolve("copy").resolve(labels.resource());
    ByteArrayOutputStream firstDigits = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(firstDigits)) {
      out.write(Arrays.copyOf(gunzip(Files.readAllBytes(file)), 8 + 100));
    }
    Files.write(file, firstDigits.toByteArray());
    assertEquals(100, EmbeddedMnist.read(copy, 5, 100, true).test().rows(),
        "a verified resource is not read again to its end");
  }
}
