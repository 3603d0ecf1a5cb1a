package org.nsl4j.keras.datasets;

import org.nsl4j.keras.data.Features;

/**
 * The MNIST-style train and test splits, each {@code {"image": float32[N, rows, cols, 1] in
 * [0, 1], "label": int64[N]}}, with where each came from.
 */
public final class MnistData {

  /** The feature key of the images. */
  public static final String IMAGE = Idx.IMAGE;
  /** The feature key of the labels. */
  public static final String LABEL = Idx.LABEL;

  private final Features train;
  private final Features test;
  private final SplitSource trainSource;
  private final SplitSource testSource;

  MnistData(Features train, SplitSource trainSource, Features test, SplitSource testSource) {
    this.train = train;
    this.test = test;
    this.trainSource = trainSource;
    this.testSource = testSource;
  }

  /** The training split. */
  public Features train() {
    return train;
  }

  /** The test split. */
  public Features test() {
    return test;
  }

  /** Where the training split came from. */
  public SplitSource trainSource() {
    return trainSource;
  }

  /** Where the test split came from. */
  public SplitSource testSource() {
    return testSource;
  }

  /** Both sources in one line: {@code "train: ...; test: ..."}. */
  public String source() {
    return "train: " + trainSource.description() + "; test: " + testSource.description();
  }

  @Override
  public String toString() {
    return "MnistData(" + train.rows() + " train, " + test.rows() + " test; " + source() + ")";
  }
}
