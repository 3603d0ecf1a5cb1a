package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Sequential;
import org.tensorflow.Result;
import org.tensorflow.Tensor;

/** Calling a loaded SavedModel closes every tensor and result it creates. */
class NativeMemoryTest {

  @TempDir Path tmp;

  @Test
  void repeatedCallsLeaveNoNativeObjectsBehind() throws IOException {
    Path dir = tmp.resolve("model");
    try (Sequential model = new Sequential(new InputLayer("x", 8), new Dense(4, "relu"),
        new Dense(3))) {
      ModelExporter.export(model, dir);
    }
    float[] values = new float[64 * 8];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i % 13) / 13f;
    }
    FeatureArray x = FeatureArray.ofFloats(values, 64, 8);
    try (LoadedModel loaded = LoadedModel.load(dir)) {
      String key = loaded.defaultSignature().key();
      Runnable round = () -> {
        for (int i = 0; i < 50; i++) {
          loaded.call(key, Map.of("x", x));
          loaded.call(key, Map.of("x", x), 16);
          loaded.predict(x, 10);
          try (Tensor t = x.toTensor(); Result r = loaded.callTensors(key, Map.of("x", t))) {
            assertArrayEquals(new long[] {64, 3}, r.get(0).shape().asArray());
          }
        }
      };
      round.run();
      long before = Pointer.totalCount();
      for (int i = 0; i < 4; i++) {
        round.run();
      }
      long grown = Pointer.totalCount() - before;
      // 4 rounds make 4 x 50 x 13 runs: a tensor or result left open per run adds over 2,000.
      assertTrue(grown < 20, "live native pointers grew by " + grown);
    }
  }
}
