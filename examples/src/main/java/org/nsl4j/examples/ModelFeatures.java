package org.nsl4j.examples;

import java.util.Arrays;
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
