package org.nsl4j.keras.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.callbacks.History;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.optimizers.Adam;

class TrainingTest {

  /** Two Gaussian blobs in 2D, labelled 0 and 1. */
  static FeatureArray[] blobs(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 2];
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      float c = y[i] == 0 ? -1.5f : 1.5f;
      x[2 * i] = c + (float) r.nextGaussian() * 0.5f;
      x[2 * i + 1] = -c + (float) r.nextGaussian() * 0.5f;
    }
    return new FeatureArray[] {FeatureArray.ofFloats(x, n, 2), FeatureArray.ofLongs(y, n)};
  }

  static Sequential mlp() {
    return new Sequential(new InputLayer("features", 2), new Dense(8, "relu"), new Dense(2));
  }

  @Test
  void smallModelTrainsToLowLossAndReportsKerasMetricNames() {
    FeatureArray[] data = blobs(256, 1);
    Dataset train = Dataset.fromTensorSlices(data[0], data[1]).shuffle(256, 7).batch(32);
    try (Sequential model = mlp()) {
      model.compile(new Adam(0.05f), Losses.sparseCategoricalCrossentropy(true), "accuracy");
      History h = model.fit(train, org.nsl4j.keras.training.FitOptions.epochs(20).verbose(0));
      assertEquals(List.of("loss", "sparse_categorical_accuracy"),
          List.copyOf(h.history().keySet()));
      assertTrue(h.get("loss").get(0) > h.last("loss"), "loss must decrease: " + h.history());
      Map<String, Double> eval = model.evaluate(train, 0);
      assertEquals(List.of("loss", "sparse_categorical_accuracy"), List.copyOf(eval.keySet()));
      assertTrue(eval.get("loss") < 0.1, "final loss " + eval);
      assertTrue(eval.get("sparse_categorical_accuracy") > 0.98, "accuracy " + eval);
      FeatureArray logits = model.predict(data[0]);
      assertArrayEquals(new long[] {256, 2}, logits.shape());
    }
  }

  @Test
  void fitWithoutCompileOrWithDictionariesFailsClearly() {
    FeatureArray[] data = blobs(8, 2);
    try (Sequential model = mlp()) {
      Dataset tuples = Dataset.fromTensorSlices(data[0], data[1]).batch(4);
      IllegalStateException notCompiled =
          assertThrows(IllegalStateException.class, () -> model.fit(tuples, 1));
      assertTrue(notCompiled.getMessage().contains("compiled"), notCompiled.getMessage());
      model.compile("adam", "sparse_categorical_crossentropy", "acc");
      Dataset dicts = Dataset.fromTensorSlices(org.nsl4j.keras.data.Features.of(
          "features", data[0], "label", data[1])).batch(4);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> model.fit(dicts, 1));
      assertTrue(e.getMessage().contains("'x'"), e.getMessage());
      FeatureArray wrong = FeatureArray.ofFloats(new float[12], 4, 3);
      Dataset badShape = Dataset.fromTensorSlices(wrong,
          FeatureArray.ofLongs(new long[4], 4)).batch(4);
      IllegalArgumentException shape =
          assertThrows(IllegalArgumentException.class, () -> model.fit(badShape, 1));
      assertTrue(shape.getMessage().contains("(None, 2)"), shape.getMessage());
    }
  }

  @Test
  void weightsRoundTripThroughACheckpointFile(@TempDir Path dir) throws Exception {
    FeatureArray[] data = blobs(64, 3);
    Path file = dir.resolve("ckpt/weights");
    FeatureArray before;
    try (Sequential a = mlp()) {
      a.compile("adam", "sparse_categorical_crossentropy");
      a.fit(data[0], data[1], 16, 1);
      before = a.predict(data[0]);
      a.saveWeights(file);
    }
    try (Sequential b = (Sequential) mlp().seed(99)) {
      assertNotEquals(before.floats()[0], b.predict(data[0]).floats()[0]);
      b.loadWeights(file);
      assertArrayEquals(before.floats(), b.predict(data[0]).floats(), 0f);
    }
    try (Sequential c = new Sequential(new InputLayer("features", 2), new Dense(3))) {
      java.io.IOException e =
          assertThrows(java.io.IOException.class, () -> c.loadWeights(file));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertThrows(java.io.IOException.class, () -> c.loadWeights(dir.resolve("missing")));
    }
  }

  @Test
  void regularizationPenaltiesAddToTheLoss() {
    FeatureArray[] data = blobs(32, 4);
    try (Sequential model = new Sequential(new InputLayer("features", 2),
        new Dense(2).kernelRegularizer(org.nsl4j.keras.regularizers.Regularizers.l2(0.5f)))) {
      model.build();
      model.layers().get(0).setWeights(List.of(
          FeatureArray.ofFloats(new float[] {1, -2, 3, 0}, 2, 2),
          FeatureArray.ofFloats(new float[2], 2)));
      model.compile(new org.nsl4j.keras.optimizers.SGD(),
          Losses.sparseCategoricalCrossentropy(true), "accuracy");
      Dataset ds = Dataset.fromTensorSlices(data[0], data[1]).batch(32);
      double withPenalty = model.evaluate(ds, 0).get("loss");
      FeatureArray logits = model.predict(data[0]);
      double ce = 0;
      for (int i = 0; i < 32; i++) {
        float a = logits.floats()[2 * i];
        float b = logits.floats()[2 * i + 1];
        double logSum = Math.log(Math.exp(a) + Math.exp(b));
        ce += logSum - (data[1].longs()[i] == 0 ? a : b);
      }
      assertEquals(ce / 32 + 0.5 * (1 + 4 + 9), withPenalty, 1e-3);
      model.fit(ds, org.nsl4j.keras.training.FitOptions.epochs(3).verbose(0));
      assertTrue(model.evaluate(ds, 0).get("loss") < withPenalty);
    }
  }

  @Test
  void checkpointsResumeTheOptimizerWhereItStopped(@TempDir Path dir) throws Exception {
    FeatureArray[] data = blobs(64, 5);
    Dataset ds = Dataset.fromTensorSlices(data[0], data[1]).batch(16);
    org.nsl4j.keras.training.FitOptions quiet =
        org.nsl4j.keras.training.FitOptions.epochs(2).verbose(0);
    float[] continuous;
    try (Sequential a = mlp()) {
      a.compile("adam", "sparse_categorical_crossentropy");
      a.fit(ds, quiet);
      continuous = a.getWeights().get(0).floats();
    }
    Path ckpt = dir.resolve("epoch-1");
    try (Sequential b = mlp()) {
      b.compile("adam", "sparse_categorical_crossentropy");
      b.fit(ds, org.nsl4j.keras.training.FitOptions.epochs(1).verbose(0));
      b.saveCheckpoint(ckpt);
    }
    try (Sequential c = mlp(); Sequential d = mlp()) {
      c.compile("adam", "sparse_categorical_crossentropy");
      c.loadCheckpoint(ckpt);
      c.fit(ds, quiet.initialEpoch(1));
      // equal up to the run-to-run noise of TensorFlow's multithreaded CPU kernels
      assertArrayEquals(continuous, c.getWeights().get(0).floats(), 1e-4f);
      d.compile("adam", "sparse_categorical_crossentropy");
      d.loadWeights(ckpt);
      d.fit(ds, org.nsl4j.keras.training.FitOptions.epochs(2).initialEpoch(1).verbose(0));
      float[] restarted = d.getWeights().get(0).floats();
      double maxDiff = 0;
      for (int i = 0; i < restarted.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(restarted[i] - continuous[i]));
      }
      assertTrue(maxDiff > 5e-4, "restarting Adam must show: weights differ by " + maxDiff);
    }
  }

  @Test
  void aFrozenLayerKeepsItsWeightsDuringFitAndCountsAsNonTrainable() {
    FeatureArray[] data = blobs(64, 6);
    try (Sequential model = mlp()) {
      model.build();
      var hidden = model.getLayer("dense");
      var out = model.getLayer("dense_1");
      hidden.setTrainable(false);
      String summary = model.summaryText();
      assertTrue(summary.contains("Trainable params: 18"), summary);
      assertTrue(summary.contains("Non-trainable params: 24"), summary);
      List<FeatureArray> frozen = hidden.getWeights();
      float[] outBefore = out.getWeights().get(0).floats().clone();
      model.compile(new Adam(0.05f), Losses.sparseCategoricalCrossentropy(true));
      model.fit(Dataset.fromTensorSlices(data[0], data[1]).batch(16),
          org.nsl4j.keras.training.FitOptions.epochs(2).verbose(0));
      for (int i = 0; i < frozen.size(); i++) {
        assertArrayEquals(frozen.get(i).floats(), hidden.getWeights().get(i).floats(), 0f);
      }
      assertNotEquals(outBefore[0], out.getWeights().get(0).floats()[0]);
    }
    try (Sequential model = mlp()) {
      model.setTrainable(false);
      String summary = model.summaryText();
      assertTrue(summary.contains("Trainable params: 0"), summary);
      assertTrue(summary.contains("Non-trainable params: 42"), summary);
    }
  }

  @Test
  void layerWeightsCanBeReadAndSet() {
    try (Sequential model = mlp()) {
      model.build();
      var dense = model.getLayer("dense_1");
      List<FeatureArray> w = dense.getWeights();
      assertArrayEquals(new long[] {8, 2}, w.get(0).shape());
      float[] ones = new float[16];
      java.util.Arrays.fill(ones, 1f);
      dense.setWeights(List.of(FeatureArray.ofFloats(ones, 8, 2), w.get(1)));
      assertArrayEquals(ones, dense.getWeights().get(0).floats(), 0f);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> dense.setWeights(List.of(FeatureArray.ofFloats(new float[2], 2), w.get(1))));
      assertTrue(e.getMessage().contains("dense_1/kernel"), e.getMessage());
    }
  }
}
