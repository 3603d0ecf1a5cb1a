package org.nsl4j.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.examples.tutorial.TrainingParams;
import org.nsl4j.keras.datasets.Mnist;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.datasets.MnistOptions;
import picocli.CommandLine.Option;

/**
 * Where the digits come from: flags shared by the commands that train or evaluate. Without
 * flags the data is the full MNIST of the nsl-datasets jar bundled in this one (60,000 training
 * and 10,000 test digits), unless Keras's {@code ~/.keras/datasets/mnist.npz} or the download
 * cache has it; nothing depends on the working directory.
 */
public final class DataOptions {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory with the four standard IDX files (train-images-idx3-ubyte[.gz],"
          + " train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz],"
          + " t10k-labels-idx1-ubyte[.gz]), or with the two t10k files only (the test split)."
          + " Default: ~/.keras/datasets/mnist.npz, then the download cache (see --download),"
          + " then the full MNIST embedded in this jar (60,000 training, 10,000 test digits).")
  Path dataDir;

  @Option(names = "--test-data-dir", paramLabel = "DIR",
      description = "Directory with t10k-images/t10k-labels IDX files for testing. Default: the"
          + " data source's own 10,000 test digits.")
  public Path testDataDir;

  @Option(names = "--train-limit", paramLabel = "N",
      description = "Train on the first N training digits only (default: all). A larger N than"
          + " there are prints a warning and uses them all.")
  public Integer trainLimit;

  @Option(names = "--test-limit", paramLabel = "N",
      description = "Test on the first N test digits only (default: all; a larger N warns and"
          + " uses all).")
  public Integer testLimit;

  @Option(names = "--download",
      description = "Download the standard MNIST files (SHA-256 checked) into"
          + " ~/.nsl4j/datasets/mnist when neither --data-dir nor ~/.keras/datasets/mnist.npz"
          + " gives the data, instead of using the embedded digits.")
  boolean download;

  /** Loads the data, failing with a message naming the directory, file or flag when it cannot. */
  public MnistData load() throws IOException {
    MnistOptions o = MnistOptions.defaults().allowDownload(download);
    if (dataDir != null) {
      o = o.dataDir(directory("--data-dir", dataDir));
    }
    if (testDataDir != null) {
      o = o.testDir(directory("--test-data-dir", testDataDir));
    }
    if (trainLimit != null) {
      o = o.trainLimit(positive("--train-limit", trainLimit));
    }
    if (testLimit != null) {
      o = o.testLimit(positive("--test-limit", testLimit));
    }
    return Mnist.load(o);
  }

  private static Path directory(String flag, Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(flag + " " + dir + " is not a readable directory");
    }
    return dir;
  }

  private static int positive(String flag, int n) {
    TrainingParams.positive(flag, n);
    return n;
  }

  /** Checks that the images fit the model's input shape. */
  public static void checkShape(MnistData data, long[] inputShape) {
    long[] shape = data.train().get(MnistData.IMAGE).shape();
    long[] example = Arrays.copyOfRange(shape, 1, shape.length);
    if (!Arrays.equals(example, inputShape)) {
      throw new IllegalArgumentException("the images are " + Arrays.toString(example)
          + " but the model takes " + Arrays.toString(inputShape) + " (set --input-shape)");
    }
  }

  /** The data section of a report. */
  public static Map<String, Object> describe(MnistData data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("train_source", data.trainSource().description());
    m.put("test_source", data.testSource().description());
    m.put("train_size", data.train().rows());
    m.put("test_size", data.test().rows());
    return m;
  }
}
