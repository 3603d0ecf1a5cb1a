package org.nsl4j.spark.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.nsl4j.examples.inspect.CustomLayers;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.robustness.Classifier;
import org.nsl4j.keras.robustness.ClipValues;
import org.nsl4j.keras.robustness.ModelClassifier;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SignatureClassifier;
import org.nsl4j.spark.ExecutorModels;

/**
 * The classifiers of an evaluation in this JVM, rebuilt once per executor as evaluate-savedmodel
 * builds them: the signature scored (on the SavedModel of {@link ExecutorModels}) and the
 * classifier attacked (the Keras network rebuilt from it, the surrogate, or the signature). A
 * JVM shutdown hook closes the rebuilt models.
 */
final class EvaluationModels {

  /** The classifiers of one spec; their graphs are built lazily, so one task uses them at once. */
  record Entry(SignatureClassifier target, Classifier source, Model owned) {}

  private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(EvaluationModels::closeAll, "nsl4j-evaluation"));
  }

  private EvaluationModels() {}

  /** The classifiers of {@code spec}, built on first use in this JVM. */
  static Entry get(EvaluationSpec spec, Configuration conf) {
    return ENTRIES.computeIfAbsent(spec.key(), k -> build(spec, conf));
  }

  private static Entry build(EvaluationSpec spec, Configuration conf) {
    LoadedModel loaded = ExecutorModels.get(spec.model(), conf);
    SignatureClassifier target = SignatureClassifier.select(loaded, spec.signature(),
        spec.imageShape(), ClipValues.UNIT, spec.preprocessing(), spec.batchSize());
    Model owned = null;
    if (SparkEvaluation.WHITE_BOX.equals(spec.mode())) {
      owned = CustomLayers.loader(spec.customLayers()).loadModel(loaded);
    } else if (SparkEvaluation.TRANSFER.equals(spec.mode())) {
      owned = CustomLayers.loader(spec.customLayers()).loadModel(Path.of(spec.surrogate()));
    }
    Classifier source = owned == null ? target
        : ModelClassifier.builder(owned).preprocessing(spec.preprocessing()).build();
    return new Entry(target, source, owned);
  }

  private static void closeAll() {
    List<Entry> entries = new ArrayList<>(ENTRIES.values());
    ENTRIES.clear();
    for (Entry e : entries) {
      if (e.owned() != null) {
        e.owned().close();
      }
    }
  }
}
