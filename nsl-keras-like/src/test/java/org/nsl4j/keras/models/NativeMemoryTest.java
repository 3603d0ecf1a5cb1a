package org.nsl4j.keras.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.training.FitOptions;

/**
 * Training, evaluating and predicting close every tensor and result: the number of live native
 * pointers (JavaCPP counts each until it is closed) stays flat however long a run is.
 */
class NativeMemoryTest {

  private static final int N = 2048;
  private static final FitOptions QUIET = FitOptions.epochs(3).verbose(0);

  private static Features digits() {
    Random r = new Random(1);
    float[] x = new float[N * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    return Features.of("image", FeatureArray.ofFloats(x, N, 28, 28, 1),
        "label", FeatureArray.ofLongs(r.longs(N, 0, 10).toArray(), N));
  }

  private static Sequential cnn() {
    return new Sequential(new InputLayer("image", 28, 28, 1), new Conv2D(4, 3, "relu"),
        new Flatten(), new Dense(10));
  }

  /** Live native pointers gained over 4 more rounds of {@code round}, after a first one. */
  private static long growth(Runnable round) {
    round.run();
    long before = Pointer.totalCount();
    for (int i = 0; i < 4; i++) {
      round.run();
    }
    return Pointer.totalCount() - before;
  }

  @Test
  void repeatedEpochsLeaveNoNativeObjectsBehind() {
    Features all = digits();
    Dataset data =
        Dataset.fromTensorSlices(all.get("image"), all.get("label")).batch(32);
    try (Sequential model = cnn()) {
      model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      long grown = growth(() -> {
        model.fit(data, QUIET);
        model.evaluate(data, 0);
        model.predict(data);
      });
      // 4 rounds feed 4 x 5 x 64 batches: a tensor left open per batch would add over 1,000.
      assertTrue(grown < 20, "live native pointers grew by " + grown);
    }
  }

  @Test
  void adversarialTrainingAndPerturbOnBatchLeaveNoNativeObjectsBehind() {
    Features all = digits();
    Dataset data = Dataset.fromTensorSlices(all).batch(32);
    Features batch = Features.of("image", all.get("image").rows(0, 32),
        "label", all.get("label").rows(0, 32));
    try (Sequential base = cnn()) {
      AdversarialRegularization adv = new AdversarialRegularization(base,
          AdvConfigs.makeAdvRegConfig().multiplier(0.2f).advStepSize(0.05f).build());
      adv.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      long grown = growth(() -> {
        adv.fit(data, QUIET);
        adv.evaluate(data, 0);
        for (int i = 0; i < 64; i++) {
          adv.perturbOnBatch(batch);
        }
      });
      // 4 rounds feed 4 x 4 x 64 batches and perturb 4 x 64: one leak per call adds over 1,000.
      assertTrue(grown < 20, "live native pointers grew by " + grown);
    }
  }
}
