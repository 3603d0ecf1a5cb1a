package org.nsl4j.examples.savedmodel;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.Classifier;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.keras.robustness.Robustness;

/**
 * Where evaluate-savedmodel scores the test images clean and attacked once it has chosen what to
 * evaluate: in this process ({@link #LOCAL}), or spread over a cluster (nsl-spark's {@code
 * nsl-spark-evaluate}, which rebuilds the same classifiers on its executors from the setup).
 */
public interface EvaluationBackend {

  /**
   * What the command chose, on this machine.
   *
   * @param model the model path ({@code --model})
   * @param signature the signature scored, or null for a Keras file (the rebuilt model is)
   * @param imageShape the shape of one image
   * @param preprocessing what the model takes from pixels in [0, 1]
   * @param batchSize images per model call and attack batch
   * @param mode {@code white-box}, {@code black-box} or {@code transfer}; null without attack
   * @param modeReason why that mode, or null
   * @param requestedAttack the name {@code --attack} gave
   * @param attack the attack run (Square in black-box mode), or null
   * @param surrogate {@code --surrogate}, or null
   * @param customLayers the {@code --custom-layer} specifications
   * @param target the classifier scored, in this process
   * @param source the classifier attacked (its gradients), in this process, or null
   */
  record Setup(Path model, String signature, long[] imageShape, Preprocessing preprocessing,
      int batchSize, String mode, String modeReason, String requestedAttack, Attack attack, Path surrogate,
      List<String> customLayers, Classifier target, Classifier source) {}

  /**
   * Predicted classes of the test images, clean and attacked ({@code attacked} null without an
   * attack), and the first images shown in the picture (attacked, or clean without attack).
   */
  record Scored(long[] clean, long[] attacked, FeatureArray firstShown) {}

  /** Scores the images {@code x} of labels {@code y}, keeping the first {@code shown} images. */
  Scored score(Setup setup, FeatureArray x, long[] y, int shown);

  /** Adds what the backend did to the report (e.g. partitions and executors); none by default. */
  default void describe(Map<String, Object> report) {}

  /** In this process: the whole test set through the classifiers of the setup. */
  EvaluationBackend LOCAL = (setup, x, y, shown) -> {
    long[] clean = Robustness.predictions(setup.target(), x);
    if (setup.attack() == null) {
      return new Scored(clean, null, x.rows(0, Math.min(shown, x.rows())));
    }
    FeatureArray adversarial = setup.attack().generate(setup.source(), x, y).adversarial();
    return new Scored(clean, Robustness.predictions(setup.target(), adversarial),
        adversarial.rows(0, Math.min(shown, x.rows())));
  };
}
