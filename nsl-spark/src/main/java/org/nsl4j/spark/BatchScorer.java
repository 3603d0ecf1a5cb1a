package org.nsl4j.spark;

import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.savedmodel.LoadedModel;

/**
 * Runs a plan's signature on a batch of images. A batch of one image is run as two (the image
 * twice): TensorFlow takes another kernel path for a single row, whose results differ in the last
 * bits, and a partition's last batch must not score its images differently from the others.
 */
public final class BatchScorer {

  private BatchScorer() {}

  /** The scores of {@code rows} images laid out one after another in {@code images}. */
  static float[][] score(LoadedModel model, ScoringPlan plan, float[] images, int rows) {
    int size = plan.column().size();
    int fed = Math.max(rows, 2);
    float[] input = images;
    if (fed != rows || images.length != fed * size) {
      input = new float[fed * size];
      System.arraycopy(images, 0, input, 0, rows * size);
      if (rows == 1) {
        System.arraycopy(images, 0, input, size, size);
      }
    }
    long[] shape = new long[plan.column().shape().length + 1];
    shape[0] = fed;
    System.arraycopy(plan.column().shape(), 0, shape, 1, shape.length - 1);
    FeatureArray out = model.call(plan.signature(),
        Map.of(plan.inputKey(), FeatureArray.ofFloats(input, shape))).get(plan.outputKey());
    if (out.shape().length != 2 || out.rows() != fed) {
      throw new SparkInferenceException(
          "output '" + plan.outputKey() + "' of signature '" + plan.signature() + "' has shape "
              + ImageColumn.dims(out.shape()) + " for " + fed + " images; expected [" + fed
              + ", classes]");
    }
    int classes = out.rowSize();
    float[][] scores = new float[rows][];
    for (int r = 0; r < rows; r++) {
      scores[r] = new float[classes];
      System.arraycopy(out.floats(), r * classes, scores[r], 0, classes);
    }
    return scores;
  }

  /** The predicted class: the index of the highest score (the first, on ties). */
  public static int argmax(float[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }
}
