package org.nsl4j.savedmodel;

import java.util.List;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Layer;

/** A Dense layer (linear, relu or sigmoid) computed by hand from its weights, for one example. */
final class HandDense {

  private HandDense() {}

  static float[] apply(Layer layer, float[] x) {
    List<FeatureArray> w = layer.getWeights();
    float[] kernel = w.get(0).floats();
    int units = (int) w.get(0).shape()[1];
    float[] y = new float[units];
    for (int j = 0; j < units; j++) {
      double sum = w.size() > 1 ? w.get(1).floats()[j] : 0;
      for (int i = 0; i < x.length; i++) {
        sum += x[i] * kernel[i * units + j];
      }
      y[j] = (float) switch (((Dense) layer).activation()) {
        case "relu" -> Math.max(0, sum);
        case "sigmoid" -> 1 / (1 + Math.exp(-sum));
        case "linear" -> sum;
        default -> throw new IllegalArgumentException(((Dense) layer).activation());
      };
    }
    return y;
  }
}
