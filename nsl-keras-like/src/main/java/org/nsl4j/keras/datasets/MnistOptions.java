package org.nsl4j.keras.datasets;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link Mnist#load} looks for data, and how much it keeps. Immutable: each setter returns
 * a copy. Start from {@link #defaults()}: no data or test dir, home from {@code user.home},
 * download off, no limits, the embedded digits looked up on {@link Mnist}'s class loader.
 */
public final class MnistOptions {

  private Path dataDir;
  private Path testDir;
  private Path home;
  private Path cacheDir;
  private boolean allowDownload;
  private URI mirror = MnistDownload.MIRROR;
  private int trainLimit = -1;
  private int testLimit = -1;
  private ClassLoader classLoader;

  private MnistOptions() {}

  private MnistOptions copy() {
    MnistOptions c = new MnistOptions();
    c.dataDir = dataDir;
    c.testDir = testDir;
    c.home = home;
    c.cacheDir = cacheDir;
    c.allowDownload = allowDownload;
    c.mirror = mirror;
    c.trainLimit = trainLimit;
    c.testLimit = testLimit;
    c.classLoader = classLoader;
    return c;
  }

  /** The default options. */
  public static MnistOptions defaults() {
    return new MnistOptions();
  }

  /**
   * A directory with the four standard IDX files ({@code train-images-idx3-ubyte[.gz]},
   * {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-images-idx3-ubyte[.gz]},
   * {@code t10k-labels-idx1-ubyte[.gz]}), or with the two {@code t10k} files only, which then
   * serve as the test split. It is used or loading fails; it is never skipped.
   */
  public MnistOptions dataDir(Path dir) {
    MnistOptions c = copy();
    c.dataDir = Objects.requireNonNull(dir, "dataDir");
    return c;
  }

  /** A directory whose {@code t10k-images/labels} IDX files are the test split. */
  public MnistOptions testDir(Path dir) {
    MnistOptions c = copy();
    c.testDir = Objects.requireNonNull(dir, "testDir");
    return c;
  }

  /**
   * The home directory in which {@code .keras/datasets/mnist.npz} and the download cache
   * {@code .nsl4j/datasets/mnist} are looked up (default: {@code user.home}).
   */
  public MnistOptions home(Path dir) {
    MnistOptions c = copy();
    c.home = Objects.requireNonNull(dir, "home");
    return c;
  }

  /** Where downloaded files are kept (default: {@code <home>/.nsl4j/datasets/mnist}). */
  public MnistOptions cacheDir(Path dir) {
    MnistOptions c = copy();
    c.cacheDir = Objects.requireNonNull(dir, "cacheDir");
    return c;
  }

  /** Whether the standard files may be downloaded when no local source has them (default off). */
  public MnistOptions allowDownload(boolean allow) {
    MnistOptions c = copy();
    c.allowDownload = allow;
    return c;
  }

  /** The base URI to download the standard files from; they must match their SHA-256. */
  public MnistOptions mirror(URI base) {
    MnistOptions c = copy();
    c.mirror = Objects.requireNonNull(base, "mirror");
    return c;
  }

  /**
   * Keep only the first {@code n} training examples; a larger {@code n} than the source holds
   * keeps them all, with a warning.
   */
  public MnistOptions trainLimit(int n) {
    MnistOptions c = copy();
    c.trainLimit = positive(n, "trainLimit");
    return c;
  }

  /** Keep only the first {@code n} test examples (all, with a warning, when there are fewer). */
  public MnistOptions testLimit(int n) {
    MnistOptions c = copy();
    c.testLimit = positive(n, "testLimit");
    return c;
  }

  /**
   * The class loader whose resources may hold the embedded MNIST of {@code
   * org.nsl4j:nsl-datasets} (default: the one that loaded {@link Mnist}). A loader without that
   * jar makes the embedded digits unavailable.
   */
  public MnistOptions classLoader(ClassLoader loader) {
    MnistOptions c = copy();
    c.classLoader = Objects.requireNonNull(loader, "classLoader");
    return c;
  }

  private static int positive(int n, String name) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + n);
    }
    return n;
  }

  Path dataDir() {
    return dataDir;
  }

  Path testDir() {
    return testDir;
  }

  Path kerasNpz() {
    return home().resolve(".keras/datasets/mnist.npz");
  }

  Path cacheDir() {
    return cacheDir != null ? cacheDir : home().resolve(".nsl4j/datasets/mnist");
  }

  boolean allowDownload() {
    return allowDownload;
  }

  URI mirror() {
    return mirror;
  }

  int trainLimit() {
    return trainLimit;
  }

  int testLimit() {
    return testLimit;
  }

  ClassLoader classLoader() {
    return classLoader != null ? classLoader : Mnist.class.getClassLoader();
  }

  private Path home() {
    return home != null ? home : Path.of(System.getProperty("user.home"));
  }
}
