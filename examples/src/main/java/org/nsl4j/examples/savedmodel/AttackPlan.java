package org.nsl4j.examples.savedmodel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.robustness.Attack;
import org.nsl4j.keras.robustness.Classifier;
import org.nsl4j.keras.robustness.ModelClassifier;
import org.nsl4j.keras.robustness.Preprocessing;
import org.nsl4j.savedmodel.InferenceOnlyException;
import org.nsl4j.savedmodel.KerasModelLoader;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SavedModelException;
import org.nsl4j.savedmodel.SignatureClassifier;

/**
 * How evaluate-savedmodel attacks a SavedModel: {@value #WHITE_BOX} on its Keras network rebuilt
 * in Java when that agrees with the signature ({@link RebuildCheck}); else {@value #TRANSFER}
 * from {@code --surrogate}; else, and always for Square, {@value #BLACK_BOX}: Square on the
 * signature's scores. A Keras model file has no signature: its rebuilt model is attacked itself
 * ({@link #onModel}). Closing a plan closes the model it rebuilt or loaded.
 */
final class AttackPlan implements AutoCloseable {

  static final String WHITE_BOX = "white-box";
  static final String BLACK_BOX = "black-box";
  static final String TRANSFER = "transfer";

  private final String mode;
  private final String reason;
  private final Attack attack;
  private final Classifier source;
  private final Model owned;
  private final Map<String, Object> details;

  private AttackPlan(String mode, String reason, Attack attack, Classifier source, Model owned,
      Map<String, Object> details) {
    this.mode = mode;
    this.reason = reason;
    this.attack = attack;
    this.source = source;
    this.owned = owned;
    this.details = details;
  }

  /**
   * The plan for {@code attack} on {@code target}, the signature of {@code loaded}; {@code
   * loader} rebuilds its Keras network and the surrogate.
   */
  static AttackPlan choose(KerasModelLoader loader, LoadedModel loaded,
      SignatureClassifier target,
      Preprocessing preprocessing, FeatureArray images, Attack attack, AttackOptions options,
      Path surrogate, int batchSize) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (!attack.needsGradients()) {
      return new AttackPlan(BLACK_BOX, "the Square attack needs only the signature's scores",
          attack, target, null, details);
    }
    Rebuilt rebuilt = rebuild(loader, loaded, target, preprocessing, images, details);
    if (rebuilt.model() != null) {
      return owning(WHITE_BOX, "its Keras model was rebuilt with the trained weights and agrees"
          + " with signature '" + target.signature().key() + "'", attack, rebuilt.model(),
          preprocessing, details);
    }
    if (surrogate != null) {
      Model model;
      try {
        model = loader.loadModel(surrogate);
      } catch (SavedModelException e) {
        throw new IllegalArgumentException("--surrogate " + surrogate
            + " cannot be rebuilt as a Keras model: " + e.getMessage(), e);
      }
      details.put("surrogate", surrogate.toString());
      return owning(TRANSFER, rebuilt.problem() + "; the attack is transferred from --surrogate",
          attack, model, preprocessing, details);
    }
    return new AttackPlan(BLACK_BOX, rebuilt.problem() + "; without --surrogate the signature"
        + " itself is attacked by Square", options.square(attack.eps(), batchSize), target, null,
        details);
  }

  /** A rebuilt network that agrees with its signature, or why there is none. */
  private record Rebuilt(Model model, String problem) {}

  /** Rebuilds {@code loaded}'s Keras network and checks it against {@code target}. */
  private static Rebuilt rebuild(KerasModelLoader loader, LoadedModel loaded,
      SignatureClassifier target, Preprocessing preprocessing, FeatureArray images,
      Map<String, Object> details) {
    Model model = null;
    String problem;
    try {
      model = loader.loadModel(loaded);
      RebuildCheck check = RebuildCheck.of(model, preprocessing, target, images);
      details.put("rebuild_check", check.toMap());
      problem = check.problem();
    } catch (InferenceOnlyException e) {
      problem = "it holds no Keras model config, so its network cannot be rebuilt for gradients";
    } catch (SavedModelException e) {
      problem = "its Keras model cannot be rebuilt: " + e.getMessage();
    } catch (IllegalArgumentException e) {
      problem = "its rebuilt Keras model does not take the images: " + e.getMessage();
    }
    if (model != null && problem != null) {
      model.close();
      model = null;
    }
    return new Rebuilt(model, problem);
  }

  /**
   * The plan for {@code attack} on {@code target}, the classifier of a model rebuilt from a Keras
   * file (owned by the caller): white-box, or black-box for Square, which needs scores only.
   */
  static AttackPlan onModel(Classifier target, Attack attack, String format) {
    if (!attack.needsGradients()) {
      return new AttackPlan(BLACK_BOX, "the Square attack needs only the model's scores", attack,
          target, null, new LinkedHashMap<>());
    }
    return new AttackPlan(WHITE_BOX, "a " + format + " has no serving signature: the model"
        + " rebuilt from it is evaluated and attacked itself", attack, target, null,
        new LinkedHashMap<>());
  }

  private static AttackPlan owning(String mode, String reason, Attack attack, Model model,
      Preprocessing preprocessing, Map<String, Object> details) {
    try {
      Classifier source = ModelClassifier.builder(model).preprocessing(preprocessing).build();
      return new AttackPlan(mode, reason, attack, source, model, details);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The classifier the attack runs on: the rebuilt model, the surrogate or the signature. */
  Classifier source() {
    return source;
  }

  /** {@code white-box}, {@code black-box} or {@code transfer}. */
  String mode() {
    return mode;
  }

  String reason() {
    return reason;
  }

  /** The attack run: the one asked for, or Square in black-box mode. */
  Attack attack() {
    return attack;
  }

  /** The rebuild check and surrogate, for the report. */
  Map<String, Object> details() {
    return details;
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
