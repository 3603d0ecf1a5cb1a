package org.nsl4j.examples.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.examples.tutorial.TrainingParams;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;

/**
 * Loads the labeled images of evaluate-savedmodel and harden: the MNIST digits of {@link
 * DataOptions}, or NumPy arrays ({@link ImageArrayOptions}, {@link TrainArrayOptions}) with
 * {@code --train-limit} and {@code --test-limit} applied as to the digits.
 */
public final class ImageData {

  private ImageData() {}

  /** The test images only. */
  public static LabeledImages forEvaluation(DataOptions mnist, ImageArrayOptions arrays)
      throws IOException {
    arrays.validate(mnist);
    if (!arrays.given()) {
      LabeledImages all = LabeledImages.of(mnist.load());
      return new LabeledImages(null, all.test(), null, all.testSource(), all.flag());
    }
    return new LabeledImages(null, test(mnist, arrays), null, arrays.describe(),
        arrays.flag());
  }

  /** The training and test images. */
  public static LabeledImages forTraining(DataOptions mnist, ImageArrayOptions arrays,
      TrainArrayOptions train) throws IOException {
    arrays.validate(mnist);
    train.validate(arrays);
    if (!arrays.given()) {
      return LabeledImages.of(mnist.load());
    }
    Features training = limited(checked(train.read(arrays), train.describe(arrays)),
        "--train-limit", mnist.trainLimit);
    Features test = test(mnist, arrays);
    long[] a = LabeledImages.imageShape(training);
    long[] b = LabeledImages.imageShape(test);
    if (!Arrays.equals(a, b)) {
      throw new IllegalArgumentException(arrays.flag() + ": the training images are "
          + Arrays.toString(a) + " but the test images " + Arrays.toString(b));
    }
    return new LabeledImages(training, test, train.describe(arrays), arrays.describe(),
        arrays.flag());
  }

  private static Features test(DataOptions mnist, ImageArrayOptions arrays) throws IOException {
    return limited(checked(arrays.read(), arrays.describe()), "--test-limit", mnist.testLimit);
  }

  /** Fails unless every pixel of {@code split} is in [0, 1]. */
  private static Features checked(Features split, String source) {
    float[] x = split.get(HParams.IMAGE_KEY).floats();
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (!(min >= 0 && max <= 1)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the images hold values"
          + " from %s to %s, not pixels in [0, 1]: store uint8 pixels (divided by 255 here) or"
          + " floats in [0, 1]; a model that takes 0-255 is run with --preprocess raw", source,
          min, max));
    }
    return split;
  }

  private static Features limited(Features split, String flag, Integer limit) {
    if (limit == null) {
      return split;
    }
    TrainingParams.positive(flag, limit);
    int n = Math.min(limit, split.rows());
    FeatureArray x = split.get(HParams.IMAGE_KEY).rows(0, n);
    FeatureArray y = split.get(HParams.LABEL_KEY).rows(0, n);
    return Features.of(HParams.IMAGE_KEY, x, HParams.LABEL_KEY, y);
  }
}
