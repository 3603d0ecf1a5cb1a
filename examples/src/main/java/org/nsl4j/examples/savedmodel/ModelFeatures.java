package org.nsl4j.examples.savedmodel;

import java.util.Arrays;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.models.Model;

/**
 * Images as a model takes them: reshaped to its input shape (e.g. {@code [N, 784]} for {@code
 * [N, 28, 28, 1]}) and keyed by its input layer's name (e.g. {@code conv2d_4_input} for a rebuilt
 * Keras model) instead of {@code image}.
 */
final class ModelFeatures {

  private ModelFeatures() {}

  /**
   * Fails naming {@code flag} unless images of {@code imageShape} are what {@code model} takes:
   * its input shape, that shape with a trailing channel of 1 (a [28, 28] input takes [28, 28, 1]
   * images) or their flattened size.
   */
  static void requireFits(Model model, long[] imageShape, String flag) {
    long[] input = model.inputLayer().shape();
    long size = Arrays.stream(imageShape).reduce(1, (a, b) -> a * b);
    boolean fits = Arrays.equals(input, imageShape)
        || imageShape[imageShape.length - 1] == 1
            && Arrays.equals(input, Arrays.copyOf(imageShape, imageShape.length - 1))
        || input.length == 1 && input[0] == size;
    if (!fits) {
      throw new IllegalArgumentException(flag + ": the images are " + Arrays.toString(imageShape)
          + " but model '" + model.name() + "' takes " + Arrays.toString(input));
    }
  }

  /** {@code images} reshaped to {@code [N, <model input shape>]}; fails if the sizes differ. */
  static FeatureArray inputs(Model model, FeatureArray images) {
    long[] example = model.inputLayer().shape();
    long size = Arrays.stream(example).reduce(1, (a, b) -> a * b);
    if (size != images.rowSize()) {
      long[] shape = images.shape();
      throw new IllegalArgumentException("model '" + model.name() + "' takes inputs of shape "
          + Arrays.toString(example) + ", which the images of shape "
          + Arrays.toString(Arrays.copyOfRange(shape, 1, shape.length)) + " do not fit");
    }
    long[] shape = new long[example.length + 1];
    shape[0] = images.rows();
    System.arraycopy(example, 0, shape, 1, example.length);
    return images.reshape(shape);
  }

  /** The dictionary {@code {<model input name>: inputs, label: labels}}. */
  static Features of(Model model, FeatureArray inputs, FeatureArray labels) {
    return Features.of(model.inputLayer().name(), inputs(model, inputs), HParams.LABEL_KEY,
        labels);
  }
}
