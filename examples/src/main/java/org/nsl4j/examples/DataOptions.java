package org.nsl4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.keras.datasets.Mnist;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.datasets.MnistOptions;
import picocli.CommandLine.Option;

/** Where the digits come from: flags shared by the commands that train or evaluate. */
public final class DataOptions {

  /** The real MNIST test set beside the project, used for testing when present. */
  static final Path SHARED_TEST_DIR = Path.of("..", "shared", "data", "mnist");

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory with the four standard IDX files (train-images-idx3-ubyte[.gz],"
          + " train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz],"
          + " t10k-labels-idx1-ubyte[.gz]). Default: ~/.keras/datasets/mnist.npz, then the"
          + " embedded 10,000 MNIST training digits.")
  Path dataDir;

  @Option(names = "--test-data-dir", paramLabel = "DIR",
      description = "Directory with t10k-images/t10k-labels IDX files for testing. Default:"
          + " ../shared/data/mnist when present, else the data source's own test split.")
  Path testDataDir;

  @Option(names = "--train-limit", description = "Use at most this many training digits.")
  Integer trainLimit;

  @Option(names = "--test-limit", description = "Use at most this many test digits.")
  Integer testLimit;

  @Option(names = "--download",
      description = "Allow downloading the standard MNIST files when no local source exists.")
  boolean download;

  /** Loads the data, failing with a message naming the directory or file when it cannot. */
  public MnistData load() throws IOException {
    MnistOptions o = MnistOptions.defaults().allowDownload(download);
    if (dataDir != null) {
      if (!Files.isDirectory(dataDir)) {
        throw new IOException("--data-dir " + dataDir + " is not a readable directory");
      }
      o = o.dataDir(dataDir);
    }
    Path test = testDataDir != null ? testDataDir : defaultTestDir();
    if (test != null) {
      if (!Files.isDirectory(test)) {
        throw new IOException("--test-data-dir " + test + " is not a readable directory");
      }
      o = o.testDir(test);
    }
    if (trainLimit != null) {
      o = o.trainLimit(trainLimit);
    }
    if (testLimit != null) {
      o = o.testLimit(testLimit);
    }
    return Mnist.load(o);
  }

  private Path defaultTestDir() {
    boolean ownTest = dataDir != null
        && (Files.exists(dataDir.resolve("t10k-images-idx3-ubyte"))
            || Files.exists(dataDir.resolve("t10k-images-idx3-ubyte.gz")));
    return !ownTest && Files.exists(SHARED_TEST_DIR.resolve("t10k-images-idx3-ubyte.gz"))
        ? SHARED_TEST_DIR
        : null;
  }

  /** Checks that the images fit the model's input shape. */
  static void checkShape(MnistData data, long[] inputShape) {
    long[] shape = data.train().get(MnistData.IMAGE).shape();
    long[] example = Arrays.copyOfRange(shape, 1, shape.length);
    if (!Arrays.equals(example, inputShape)) {
      throw new IllegalArgumentException("the images are " + Arrays.toString(example)
          + " but the model takes " + Arrays.toString(inputShape) + " (set --input-shape)");
    }
  }

  /** The data section of a report. */
  static Map<String, Object> describe(MnistData data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("train_source", data.trainSource().description());
    m.put("test_source", data.testSource().description());
    m.put("train_size", data.train().rows());
    m.put("test_size", data.test().rows());
    return m;
  }
}
