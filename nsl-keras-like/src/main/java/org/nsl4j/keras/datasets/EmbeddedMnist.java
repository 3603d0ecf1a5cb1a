package org.nsl4j.keras.datasets;

import java.io.IOException;
import java.net.URL;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/**
 * The full MNIST of the dataset artifact {@code org.nsl4j:nsl-datasets}: the four standard files,
 * gzipped, as resources {@code org/nsl4j/datasets/mnist/<name>.gz} of a class loader. This
 * library embeds no data; the digits are there only when that jar is on the classpath.
 *
 * <p>The first time a JVM reads a resource (by URL) it reads it whole and checks its size and
 * SHA-256, after decompression, against the standard MNIST file's; a missing, truncated or
 * altered resource is an error naming it, never skipped. Later reads stop after the digits they
 * need.
 */
final class EmbeddedMnist {

  /** The artifact that carries the resources. */
  static final String ARTIFACT = "org.nsl4j:nsl-datasets";
  /** The resource directory, for {@link ClassLoader#getResource}. */
  static final String DIR = "org/nsl4j/datasets/mnist/";

  /** A standard MNIST file: its name, example count, and uncompressed size and SHA-256. */
  record StandardFile(String name, int count, long size, String sha256) {
    /** The resource path of its gzipped copy. */
    String resource() {
      return DIR + name + ".gz";
    }
  }

  static final StandardFile TRAIN_IMAGES = new StandardFile(IdxDir.imagesName(IdxDir.TRAIN),
      60_000, 47_040_016L, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
  static final StandardFile TRAIN_LABELS = new StandardFile(IdxDir.labelsName(IdxDir.TRAIN),
      60_000, 60_008L, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");
  static final StandardFile TEST_IMAGES = new StandardFile(IdxDir.imagesName(IdxDir.TEST),
      10_000, 7_840_016L, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");
  static final StandardFile TEST_LABELS = new StandardFile(IdxDir.labelsName(IdxDir.TEST),
      10_000, 10_008L, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
  static final List<StandardFile> FILES =
      List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  /** URLs of the resources verified whole in this JVM. */
  private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

  private interface PrefixReader {
    FeatureArray read(ByteSource source, String name, int limit) throws IOException;
  }

  private EmbeddedMnist() {}

  /** Whether {@code loader} has any of the artifact's files (then it must have all of them). */
  static boolean present(ClassLoader loader) {
    return FILES.stream().anyMatch(file -> loader.getResource(file.resource()) != null);
  }

  /**
   * The first {@code trainLimit} training digits (all when negative) and, when {@code wantTest},
   * the first {@code testLimit} test digits.
   */
  static Splits read(ClassLoader loader, int trainLimit, int testLimit, boolean wantTest)
      throws IOException {
    Split train = split(loader, TRAIN_IMAGES, TRAIN_LABELS, trainLimit);
    Split test = wantTest ? split(loader, TEST_IMAGES, TEST_LABELS, testLimit) : null;
    return new Splits(train, test);
  }

  private static Split split(ClassLoader loader, StandardFile imagesFile,
      StandardFile labelsFile, int limit) throws IOException {
    URL images = locate(loader, imagesFile);
    URL labels = locate(loader, labelsFile);
    Features examples = Idx.labeled(
        read(images, imagesFile, limit, Idx::readImages), images.toString(),
        read(labels, labelsFile, limit, Idx::readLabels), labels.toString());
    String description = "MNIST embedded in " + ARTIFACT + ": " + imagesFile.name() + ".gz, "
        + labelsFile.name() + ".gz (" + Split.count(imagesFile.count()) + " images, "
        + Split.imageSize(examples) + ", SHA-256 verified)";
    return new Split(examples, new SplitSource(SplitSource.Origin.EMBEDDED, description),
        imagesFile.count());
  }

  private static URL locate(ClassLoader loader, StandardFile file) throws DatasetFormatException {
    URL url = loader.getResource(file.resource());
    if (url == null) {
      throw new DatasetFormatException(file.resource() + ": missing from the " + ARTIFACT
          + " resources on the classpath, which hold other MNIST files; expected "
          + expected(file));
    }
    return url;
  }

  /** The first {@code limit} items of the resource at {@code url}, verified if not yet done. */
  private static FeatureArray read(URL url, StandardFile file, int limit, PrefixReader reader)
      throws IOException {
    String name = url.toString();
    boolean verify = !VERIFIED.contains(name);
    MessageDigest digest = verify ? Downloader.sha256() : null;
    FeatureArray items;
    long size;
    try (ByteSource source = ByteSource.open(url.openStream(), name, digest)) {
      items = reader.read(source, name, limit);
      if (verify) {
        source.countRest();
      }
      size = source.position();
      if (verify && size < file.size()) {
        throw new DatasetFormatException(
            name + ": " + source.endOfData() + " after " + Split.count(size) + " bytes");
      }
    } catch (DatasetFormatException e) {
      String problem = e.getMessage();
      throw damaged(name, problem.startsWith(name + ": ")
          ? problem.substring(name.length() + 2) : problem, file, e);
    }
    if (verify) {
      check(size, HexFormat.of().formatHex(digest.digest()), file, name);
      VERIFIED.add(name);
    }
    return items;
  }

  private static void check(long size, String sha256, StandardFile file, String name)
      throws DatasetFormatException {
    if (size != file.size()) {
      throw damaged(name, "the data has " + Split.count(size) + " bytes", file, null);
    }
    if (!sha256.equals(file.sha256())) {
      throw damaged(name, "the data has SHA-256 " + sha256, file, null);
    }
  }

  private static DatasetFormatException damaged(String name, String problem, StandardFile file,
      Throwable cause) {
    return new DatasetFormatException(name + ": " + problem + "; expected " + expected(file)
        + ". The " + ARTIFACT + " jar is damaged: build or download it again", cause);
  }

  private static String expected(StandardFile file) {
    return "the standard MNIST file " + file.name() + ", gzipped (" + Split.count(file.size())
        + " bytes uncompressed, SHA-256 " + file.sha256() + ")";
  }
}
