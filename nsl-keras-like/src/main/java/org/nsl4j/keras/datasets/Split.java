package org.nsl4j.keras.datasets;

import java.util.Arrays;
import java.util.Locale;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One split as read: raw pixels 0..255, labels, and where they came from. {@code available} is
 * how many examples the source holds: more than {@code examples} has when only a prefix was read.
 */
record Split(Features examples, SplitSource source, int available) {

  private static final Logger LOG = LoggerFactory.getLogger(Mnist.class);

  /** A split of all {@code examples} of a source of the given kind. */
  static Split of(Features examples, SplitSource.Origin origin, String description) {
    return new Split(examples, new SplitSource(origin, description), examples.rows());
  }

  int rows() {
    return examples.rows();
  }

  /** The image size as "rows x cols". */
  String imageSize() {
    return imageSize(examples);
  }

  /** The image size of {@code examples} as "rows x cols". */
  static String imageSize(Features examples) {
    long[] shape = examples.get(Idx.IMAGE).shape();
    return shape[1] + "x" + shape[2];
  }

  /** A summary of labeled images such as "10,000 images, 28x28". */
  static String summary(Features examples) {
    return count(examples.rows()) + " images, " + imageSize(examples);
  }

  /**
   * The first {@code limit} examples: all when {@code limit} is negative or equal to what the
   * source holds; all, with a warning, when it is larger.
   */
  Split limit(int limit, String option) {
    if (limit < 0 || limit == available) {
      return this;
    }
    String note;
    if (limit > available) {
      note = "; " + option + " " + count(limit) + " is more than the " + count(available)
          + " there are: all used";
      LOG.warn("MNIST {} {} is more than the {} examples of {}: all are used", option,
          count(limit), count(available), source.description());
    } else {
      note = "; first " + count(limit) + " of " + count(available) + " used (" + option + ")";
    }
    Features kept = limit < rows() ? examples.gather(range(0, limit)) : examples;
    return new Split(kept, new SplitSource(source.origin(), source.description() + note),
        available);
  }

  /** The examples with pixels scaled to [0, 1]. */
  Features scaled() {
    FeatureArray images = examples.get(Idx.IMAGE);
    return examples.with(Idx.IMAGE, Pixels.toUnitRange(images));
  }

  /** The indices {@code from, ..., to - 1}. */
  static int[] range(int from, int to) {
    int[] index = new int[to - from];
    Arrays.setAll(index, i -> from + i);
    return index;
  }

  /** A count with thousands separators, as in "10,000". */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
