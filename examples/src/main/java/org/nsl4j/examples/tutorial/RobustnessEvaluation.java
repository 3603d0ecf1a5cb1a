package org.nsl4j.examples.tutorial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.examples.cli.Predictions;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.robustness.ClipValues;

/**
 * The tutorial's own robustness table, as NSL's tutorial measures it: a transfer attack, in which a
 * reference wrapper of the trained base model perturbs every test batch ({@code perturbOnBatch}
 * with the training config), the perturbed images are clipped to [0, 1] once, afterwards, and
 * every model is scored on them. The white-box attacks of the library are in the curve. The
 * first batch is kept for the grid of examples.
 */
final class RobustnessEvaluation {

  /**
   * The outcome.
   *
   * @param examples number of test digits
   * @param accuracy model name → accuracy on the perturbed digits
   * @param firstBatch batch 0: perturbed images, labels and each model's predictions
   */
  public record Result(int examples, Map<String, Double> accuracy, Batch firstBatch) {}

  /** Perturbed images, their true labels, and model name → predicted classes. */
  public record Batch(FeatureArray images, long[] labels, Map<String, long[]> predictions) {

    /** Number of correct predictions of {@code model}. */
    public int correct(String model) {
      return Predictions.correct(predictions.get(model), labels);
    }
  }

  private RobustnessEvaluation() {}

  /**
   * Perturbs each batch of {@code testDicts} with {@code reference} and scores {@code models}
   * (name → model, in report order) on the result.
   */
  public static Result run(AdversarialRegularization reference, Map<String, Model> models,
      Dataset testDicts) {
    Map<String, Integer> correct = new LinkedHashMap<>();
    models.keySet().forEach(name -> correct.put(name, 0));
    int examples = 0;
    Batch first = null;
    for (Features batch : testDicts) {
      FeatureArray images =
          ClipValues.UNIT.clip(reference.perturbOnBatch(batch).get(HParams.IMAGE_KEY));
      long[] labels = batch.get(HParams.LABEL_KEY).longs();
      Map<String, long[]> predictions = new LinkedHashMap<>();
      for (Map.Entry<String, Model> m : models.entrySet()) {
        long[] predicted = Predictions.classes(m.getValue(), images);
        predictions.put(m.getKey(), predicted);
        correct.merge(m.getKey(), Predictions.correct(predicted, labels), Integer::sum);
      }
      if (first == null) {
        first = new Batch(images, labels, predictions);
      }
      examples += labels.length;
    }
    if (first == null) {
      throw new IllegalArgumentException("the test data has no batches");
    }
    Map<String, Double> accuracy = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> c : correct.entrySet()) {
      accuracy.put(c.getKey(), c.getValue() / (double) examples);
    }
    return new Result(examples, accuracy, first);
  }
}
