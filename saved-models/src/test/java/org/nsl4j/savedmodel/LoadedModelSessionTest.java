package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.config.SessionOptions;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.mixedprecision.Policy;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.profiler.ExecutedGraph;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;

/** A loaded SavedModel under session options, called in batches and from several threads. */
class LoadedModelSessionTest {

  @TempDir static Path tmp;
  static Path dir;
  static FeatureArray images;

  @BeforeAll
  static void export() throws Exception {
    dir = tmp.resolve("cnn");
    try (Sequential model = new Sequential(new InputLayer("image", 12, 12, 1),
        new Conv2D(8, 3, "relu"), new Flatten(), new Dense(4))) {
      ModelExporter.export(model, dir);
    }
    Random r = new Random(3);
    float[] v = new float[40 * 144];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat();
    }
    images = FeatureArray.ofFloats(v, 40, 12, 12, 1);
  }

  private static ExecutedGraph executed(LoadedModel m) {
    TensorSpec in = m.defaultSignature().inputs().values().iterator().next();
    TensorSpec out = m.defaultSignature().outputs().values().iterator().next();
    try (Tensor t = images.rows(0, 2).toTensor()) {
      return ExecutedGraph.of(m.bundle().session().runner().feed(in.tensorName(), t)
          .fetch(out.tensorName()));
    }
  }

  @Test
  void batchSizeAndSharingThreadsDoNotChangePredictions() throws Exception {
    try (LoadedModel m = LoadedModel.load(dir)) {
      float[] whole = m.predict(images).floats();
      for (int batch : new int[] {1, 7, 32}) {
        assertArrayEquals(whole, m.predict(images, batch).floats(), 1e-6f, "batch " + batch);
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<float[]>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          calls.add(pool.submit(() -> m.predict(images, 8).floats()));
        }
        for (Future<float[]> c : calls) {
          assertArrayEquals(whole, c.get(), 1e-6f);
        }
      } finally {
        pool.shutdown();
      }
      assertEquals(Map.of(), executed(m).opTypesIn(DataType.DT_BFLOAT16));
    }
  }

  @Test
  void aMixedPolicyRunsTheSignatureInBfloat16() {
    assumeTrue(Policy.MIXED_BFLOAT16.isSupported(), "this machine cannot compute in bfloat16");
    try (LoadedModel plain = LoadedModel.load(dir);
        LoadedModel mixed = LoadedModel.load(dir,
            SessionOptions.defaults().policy(Policy.MIXED_BFLOAT16))) {
      ExecutedGraph graph = executed(mixed);
      assertTrue(graph.count("Conv2D", DataType.DT_BFLOAT16) >= 1,
          graph.opTypesIn(DataType.DT_BFLOAT16).toString());
      float[] exact = plain.predict(images).floats();
      float[] low = mixed.predict(images).floats();
      double worst = 0;
      for (int i = 0; i < exact.length; i++) {
        worst = Math.max(worst, Math.abs(exact[i] - low[i]));
      }
      assertTrue(worst > 0 && worst < 0.05, "bfloat16 differs from float32 by " + worst);
    }
  }
}
