package org.nsl4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.MnistData;
import org.nsl4j.keras.models.Model;
import org.nsl4j.savedmodel.InferenceOnlyException;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SavedModelException;

/**
 * Where the gradients of an attack on a SavedModel come from. White-box: the SavedModel's own
 * network rebuilt by {@link KerasModelLoader}, trusted once it agrees with the signature on the
 * first {@value #CHECK_DIGITS} test digits. Otherwise transfer: a surrogate, either a Keras model
 * given with {@code --surrogate} (taking the same preprocessing) or the tutorial's base model
 * trained on the training digits (pixels in [0, 1]). Closing it closes the model it built.
 */
final class AttackSource implements AutoCloseable {

  /** Test digits on which a rebuilt model must agree with the signature. */
  static final int CHECK_DIGITS = 300;
  /** The share of them on which the predicted classes must agree. */
  static final double MIN_AGREEMENT = 0.99;

  /** How the attack reaches the model. */
  enum Mode {
    WHITE_BOX("white-box"),
    TRANSFER("transfer");

    private final String key;

    Mode(String key) {
      this.key = key;
    }

    /** As in the report: {@code white-box}, {@code transfer}. */
    String key() {
      return key;
    }
  }

  /**
   * The surrogate to use if the SavedModel cannot be attacked white-box.
   *
   * @param dir a Keras model to rebuild, or null to train the tutorial's base model
   * @param epochs training epochs of the tutorial's base model
   */
  record Surrogate(Path dir, int epochs) {}

  private final Mode mode;
  private final String reason;
  private final Model model;
  private final PixelAttacker attacker;
  private final Map<String, Object> details;

  private AttackSource(Mode mode, String reason, Model model, PixelAttacker attacker,
      Map<String, Object> details) {
    this.mode = mode;
    this.reason = reason;
    this.model = model;
    this.attacker = attacker;
    this.details = details;
  }

  /** A source attacking through {@code model}, which it closes (also if this fails). */
  private static AttackSource owning(Mode mode, String reason, Model model,
      Preprocessing preprocessing, Map<String, Object> details) {
    try {
      PixelAttacker attacker = new PixelAttacker(
          Experiments.adversarial(model, new TrainingParams(), Experiments.lossFor(model)),
          preprocessing);
      return new AttackSource(mode, reason, model, attacker, details);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * White-box on {@code loaded}'s rebuilt network when it agrees with {@code target}, else
   * transfer from {@code surrogate}; progress goes to {@code out}.
   */
  static AttackSource choose(LoadedModel loaded, SignatureClassifier target,
      Preprocessing preprocessing, MnistData data, Surrogate surrogate, PrintStream out) {
    Map<String, Object> details = new LinkedHashMap<>();
    String reason = null;
    Model rebuilt = null;
    try {
      rebuilt = KerasModelLoader.fromSavedModel(loaded);
    } catch (InferenceOnlyException e) {
      reason = "it holds no Keras model config, so its network cannot be rebuilt for gradients";
    } catch (SavedModelException e) {
      reason = "its Keras model cannot be rebuilt: " + e.getMessage();
    }
    if (rebuilt != null) {
      try {
        reason = disagreement(rebuilt, target, preprocessing, data, details);
      } catch (RuntimeException e) {
        rebuilt.close();
        throw e;
      }
      if (reason == null) {
        return owning(Mode.WHITE_BOX, String.format(Locale.ROOT,
            "its Keras model was rebuilt with the trained weights and agrees with signature"
                + " '%s' on the first %d test digits", target.signature().key(),
            Math.min(CHECK_DIGITS, data.test().rows())), rebuilt, preprocessing, details);
      }
      rebuilt.close();
    }
    return surrogate.dir() != null
        ? given(surrogate.dir(), preprocessing, reason, details)
        : trained(data, surrogate.epochs(), reason, details, out);
  }

  /** Null when the rebuilt model agrees with the signature, else why not; fills {@code details}. */
  private static String disagreement(Model rebuilt, SignatureClassifier target,
      Preprocessing preprocessing, MnistData data, Map<String, Object> details) {
    int n = Math.min(CHECK_DIGITS, data.test().rows());
    FeatureArray pixels = data.test().get(HParams.IMAGE_KEY).rows(0, n);
    FeatureArray expected = target.scores(pixels);
    FeatureArray actual;
    try {
      actual = rebuilt.predict(ModelFeatures.inputs(rebuilt, preprocessing.apply(pixels)), n);
    } catch (IllegalArgumentException e) {
      return "its rebuilt Keras model does not take the images: " + e.getMessage();
    }
    if (actual.rowSize() != expected.rowSize()) {
      return "its rebuilt Keras model gives " + actual.rowSize() + " scores per digit, the"
          + " signature " + expected.rowSize();
    }
    int agree = Predictions.correct(Predictions.argmax(actual), Predictions.argmax(expected));
    double maxDiff = Predictions.maxAbsDiff(actual, expected);
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("digits", n);
    check.put("agreement", agree / (double) n);
    check.put("max_abs_diff", maxDiff);
    details.put("rebuild_check", check);
    return agree >= MIN_AGREEMENT * n ? null : String.format(Locale.ROOT, "its rebuilt Keras"
        + " model agrees with the signature on only %d of %d test digits (max |difference|"
        + " %.3g)", agree, n, maxDiff);
  }

  private static AttackSource given(Path dir, Preprocessing preprocessing, String reason,
      Map<String, Object> details) {
    Model surrogate;
    try {
      surrogate = KerasModelLoader.load(dir);
    } catch (SavedModelException e) {
      throw new IllegalArgumentException(
          "--surrogate " + dir + " cannot be rebuilt as a Keras model: " + e.getMessage(), e);
    }
    details.put("surrogate", dir.toString());
    return owning(Mode.TRANSFER, reason, surrogate, preprocessing, details);
  }

  private static AttackSource trained(MnistData data, int epochs, String reason,
      Map<String, Object> details, PrintStream out) {
    HParams h = new HParams();
    long[] shape = data.train().get(HParams.IMAGE_KEY).shape();
    h.inputShape = Arrays.copyOfRange(shape, 1, shape.length);
    h.training.epochs = epochs;
    h.validate();
    out.printf(Locale.ROOT, "training the surrogate, the tutorial's base model, for %d epoch(s)"
        + " on %,d training digits%n", epochs, data.train().rows());
    Model surrogate = BaseModel.build(h);
    try {
      Experiments.compileBase(surrogate, h.training());
      Experiments.fit(surrogate, Experiments.trainTuples(data, h.training()), epochs);
    } catch (RuntimeException e) {
      surrogate.close();
      throw e;
    }
    details.put("surrogate", "the tutorial's base model, trained here");
    details.put("surrogate_training", h.training().toMap());
    return owning(Mode.TRANSFER, reason, surrogate, Preprocessing.SCALE, details);
  }

  Mode mode() {
    return mode;
  }

  /** Why this mode was used. */
  String reason() {
    return reason;
  }

  PixelAttacker attacker() {
    return attacker;
  }

  /** The model whose gradients drive the attack. */
  Model model() {
    return model;
  }

  /** The rebuild check and surrogate, for the report. */
  Map<String, Object> details() {
    return details;
  }

  @Override
  public void close() {
    model.close();
  }
}
