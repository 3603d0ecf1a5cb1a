package org.nsl4j.examples.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.datasets.MnistData;

/**
 * The labeled images evaluate-savedmodel and harden work on: {@code {image: float32[N, H, W, C]
 * in [0, 1], label: int64[N]}} for training (empty when not needed) and testing, where each
 * came from, and the flag that named the test images, for errors.
 *
 * @param train the training split, or null when the command does not train
 * @param test the test split
 * @param trainSource where the training split came from, or null
 * @param testSource where the test split came from
 * @param flag the flag (and file) that gave the images, e.g. {@code --data cifar.npz}
 */
public record LabeledImages(Features train, Features test, String trainSource, String testSource,
    String flag) {

  /** The MNIST splits of {@code data}, named by {@code --data-dir}. */
  static LabeledImages of(MnistData data) {
    return new LabeledImages(data.train(), data.test(), data.trainSource().description(),
        data.testSource().description(), "--data-dir (MNIST)");
  }

  /** The test images, float32 [N, H, W, C] in [0, 1]. */
  public FeatureArray testImages() {
    return test.get(HParams.IMAGE_KEY);
  }

  /** The test labels. */
  public long[] testLabels() {
    return test.get(HParams.LABEL_KEY).longs();
  }

  /** The shape of one image, e.g. {@code [32, 32, 3]}. */
  public long[] imageShape() {
    return imageShape(test);
  }

  /** The shape of one image of {@code split}. */
  public static long[] imageShape(Features split) {
    long[] shape = split.get(HParams.IMAGE_KEY).shape();
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  /** Both sources in one line, as the commands print them. */
  public String source() {
    return (train == null ? "" : "train: " + trainSource + "; ") + "test: " + testSource;
  }

  /** The data section of a report. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (train != null) {
      m.put("train_source", trainSource);
    }
    m.put("test_source", testSource);
    if (train != null) {
      m.put("train_size", train.rows());
    }
    m.put("test_size", test.rows());
    m.put("image_shape", imageShape());
    return m;
  }
}
