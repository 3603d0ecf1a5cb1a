package org.nsl4j.keras.datasets;

/**
 * Where one split of a dataset came from: the kind of source and a description to print in a
 * run's output and put in reports, e.g. {@code "MNIST embedded in org.nsl4j:nsl-datasets:
 * t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz (10,000 images, 28x28, SHA-256
 * verified)"}.
 */
public record SplitSource(Origin origin, String description) {

  /** Kinds of sources, in the order {@link Mnist#load} tries them for training data. */
  public enum Origin {
    /** IDX files in a directory the caller named. */
    IDX_DIR,
    /** Keras's cached {@code ~/.keras/datasets/mnist.npz}. */
    KERAS_NPZ,
    /** The standard files downloaded (now or earlier) into the download cache. */
    DOWNLOAD,
    /** The full MNIST embedded in the {@code org.nsl4j:nsl-datasets} jar on the classpath. */
    EMBEDDED
  }

  @Override
  public String toString() {
    return description;
  }
}
