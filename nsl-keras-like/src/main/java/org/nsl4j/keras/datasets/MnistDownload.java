package org.nsl4j.keras.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The four standard MNIST files, their SHA-256 checksums, and the cache they are downloaded
 * into: {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}.
 */
final class MnistDownload {

  /** The standard public mirror of the MNIST files. */
  static final URI MIRROR = URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/");

  /** One standard file and its SHA-256, as published with TensorFlow Datasets. */
  record StandardFile(String name, String sha256) {}

  /** The four standard files, smallest first. */
  static final List<StandardFile> FILES =
      List.of(
          new StandardFile("t10k-labels-idx1-ubyte.gz",
              "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
          new StandardFile("train-labels-idx1-ubyte.gz",
              "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
          new StandardFile("t10k-images-idx3-ubyte.gz",
              "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
          new StandardFile("train-images-idx3-ubyte.gz",
              "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"));

  private MnistDownload() {}

  /** Whether all four files are in {@code cache} (they are only put there once verified). */
  static boolean cached(Path cache) {
    return FILES.stream().allMatch(file -> Files.isRegularFile(cache.resolve(file.name())));
  }

  /**
   * Downloads the files missing from {@code cache} from {@code mirror}, each checked against
   * its SHA-256; stops at the first that cannot be fetched.
   */
  static void fetch(URI mirror, Path cache, Downloader downloader) throws IOException {
    Files.createDirectories(cache);
    for (StandardFile file : FILES) {
      Path target = cache.resolve(file.name());
      if (!Files.isRegularFile(target)) {
        downloader.download(mirror.resolve(file.name()), target, file.sha256());
      }
    }
  }
}
