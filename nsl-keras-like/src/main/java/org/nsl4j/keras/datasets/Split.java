package org.nsl4j.keras.datasets;

import java.util.Arrays;
import java.util.Locale;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/** One split as read: raw pixels 0..255, labels, and where they came from. */
record Split(Features examples, SplitSource source) {

  /** A split of {@code examples} from a source of the given kind. */
  static Split of(Features examples, SplitSource.Origin origin, String description) {
    return new Split(examples, new SplitSource(origin, description));
  }

  int rows() {
    return examples.rows();
  }

  /** The image size as "rows x cols". */
  String imageSize() {
    return imageSize(examples);
  }

  private static String imageSize(Features examples) {
    long[] shape = examples.get(Idx.IMAGE).shape();
    return shape[1] + "x" + shape[2];
  }

  /** A summary of labeled images such as "10,000 images, 28x28". */
  static String summary(Features examples) {
    return count(examples.rows()) + " images, " + imageSize(examples);
  }

  /** The first {@code limit} examples (all when {@code limit} is negative or not smaller). */
  Split limit(int limit, String option) {
    if (limit < 0 || limit >= rows()) {
      return this;
    }
    int[] first = range(0, limit);
    String note = "; first " + count(limit) + " used (" + option + ")";
    return new Split(examples.gather(first),
        new SplitSource(source.origin(), source.description() + note));
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
