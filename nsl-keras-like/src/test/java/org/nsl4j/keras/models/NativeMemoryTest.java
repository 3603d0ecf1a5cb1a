package org.nsl4j.keras.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
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

  @Test
  void repeatedEpochsLeaveNoNativeObjectsBehind() {
    int n = 2048;
    Random r = new Random(1);
    float[] x = new float[n * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    long[] y = r.longs(n, 0, 10).toArray();
    Dataset data = Dataset.fromTensorSlices(
        FeatureArray.ofFloats(x, n, 28, 28, 1), FeatureArray.ofLongs(y, n)).batch(32);
    try (Sequential model = new Sequential(new InputLayer("image", 28, 28, 1),
        new Conv2D(4, 3, "relu"), new Flatten(), new Dense(10))) {
      model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      FitOptions quiet = FitOptions.epochs(3).verbose(0);
      model.fit(data, quiet);
      model.evaluate(data, 0);
      model.predict(data);
      long before = Pointer.totalCount();
      for (int i = 0; i < 4; i++) {
        model.fit(data, quiet);
        model.evaluate(data, 0);
        model.predict(data);
      }
      long grown = Pointer.totalCount() - before;
      // 4 rounds feed 4 x 5 x 64 batches: a tensor left open per batch would add over 1,000.
      assertTrue(grown < 20, "live native pointers grew by " + grown);
    }
  }
}
