package org.nsl4j.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.training.FitOptions;

/**
 * BatchNormalization's moving statistics against a hand computation: {@code moving = momentum ×
 * moving + (1 − momentum) × batch statistic} after every training-mode call, with the unbiased
 * batch variance for 4D inputs (Keras 2's fused kernel) and the biased one otherwise.
 */
class BatchNormalizationTest {

  private static final FitOptions ONE_EPOCH = FitOptions.epochs(1).verbose(0);

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = 3f + 2f * (float) r.nextGaussian();
    }
    return x;
  }

  /** Per-channel mean and variance of {@code count} rows of {@code x} from {@code from}. */
  private static double[][] channelStats(float[] x, int from, int count, int channels) {
    double[] mean = new double[channels];
    double[] var = new double[channels];
    for (int i = from; i < from + count; i++) {
      mean[i % channels] += x[i] / (count / (double) channels);
    }
    for (int i = from; i < from + count; i++) {
      double d = x[i] - mean[i % channels];
      var[i % channels] += d * d / (count / (double) channels);
    }
    return new double[][] {mean, var};
  }

  /** The moving mean and variance after training on {@code batches} batches in order. */
  private static float[][] expectedMoving(float[] x, int batches, int channels, float momentum,
      boolean unbiased) {
    float[] mean = new float[channels];
    float[] var = new float[channels];
    java.util.Arrays.fill(var, 1f);
    int perBatch = x.length / batches;
    int n = perBatch / channels;
    for (int b = 0; b < batches; b++) {
      double[][] s = channelStats(x, b * perBatch, perBatch, channels);
      for (int c = 0; c < channels; c++) {
        double batchVar = unbiased ? s[1][c] * n / (n - 1) : s[1][c];
        mean[c] = (float) (momentum * mean[c] + (1 - momentum) * s[0][c]);
        var[c] = (float) (momentum * var[c] + (1 - momentum) * batchVar);
      }
    }
    return new float[][] {mean, var};
  }

  private static void assertMoving(float[][] expected, BatchNormalization bn, float tolerance) {
    List<FeatureArray> w = bn.getWeights();
    assertArrayEquals(expected[0], w.get(2).floats(), tolerance, "moving_mean");
    assertArrayEquals(expected[1], w.get(3).floats(), tolerance, "moving_variance");
  }

  @Test
  void imageInputsUpdateTheMovingVarianceWithTheUnbiasedBatchVariance() {
    float[] x = random(3 * 4 * 2 * 1 * 2, 1);
    BatchNormalization bn = new BatchNormalization().momentum(0.9f);
    try (Sequential model = new Sequential(new InputLayer("image", 2, 1, 2), bn, new Flatten(),
        new Dense(2))) {
      model.compile("sgd", "sparse_categorical_crossentropy");
      model.fit(Dataset.fromTensorSlices(FeatureArray.ofFloats(x, 12, 2, 1, 2),
          FeatureArray.ofLongs(new long[12], 12)).batch(4), ONE_EPOCH);
      // 3 batches of 4 images x 2 pixels: each channel's statistics cover n = 8 values.
      assertMoving(expectedMoving(x, 3, 2, 0.9f, true), bn, 1e-5f);
    }
  }

  @Test
  void vectorInputsUpdateTheMovingVarianceWithTheBiasedBatchVariance() {
    float[] x = random(4 * 5 * 3, 2);
    BatchNormalization bn = new BatchNormalization().momentum(0.8f);
    try (Sequential model = new Sequential(new InputLayer("features", 3), bn, new Dense(2))) {
      model.compile("sgd", "sparse_categorical_crossentropy");
      model.fit(Dataset.fromTensorSlices(FeatureArray.ofFloats(x, 20, 3),
          FeatureArray.ofLongs(new long[20], 20)).batch(5), ONE_EPOCH);
      assertMoving(expectedMoving(x, 4, 3, 0.8f, false), bn, 1e-5f);
    }
  }

  @Test
  void aFrozenLayerRunsInInferenceModeAndKeepsItsMovingStatistics() {
    float[] x = random(8 * 3, 3);
    BatchNormalization bn = new BatchNormalization();
    try (Sequential model = new Sequential(new InputLayer("features", 3), bn, new Dense(2))) {
      bn.setTrainable(false);
      model.compile("sgd", "sparse_categorical_crossentropy");
      model.fit(Dataset.fromTensorSlices(FeatureArray.ofFloats(x, 8, 3),
          FeatureArray.ofLongs(new long[8], 8)).batch(4), ONE_EPOCH);
      float[][] initial = {{0, 0, 0}, {1, 1, 1}};
      assertMoving(initial, bn, 0f);
      assertArrayEquals(new float[] {1, 1, 1}, bn.getWeights().get(0).floats(), 0f, "gamma");
    }
  }

  @Test
  void freezingAModelFreezesTheLayersInsideItAsKerasDoes() {
    float[] x = random(8 * 3, 5);
    BatchNormalization bn = new BatchNormalization();
    Sequential inner = new Sequential("inner", List.of(new InputLayer("z", 3), bn));
    try (Sequential model = new Sequential(new InputLayer("features", 3), inner, new Dense(2))) {
      inner.setTrainable(false);
      model.compile("sgd", "sparse_categorical_crossentropy");
      model.fit(Dataset.fromTensorSlices(FeatureArray.ofFloats(x, 8, 3),
          FeatureArray.ofLongs(new long[8], 8)).batch(4), ONE_EPOCH);
      assertMoving(new float[][] {{0, 0, 0}, {1, 1, 1}}, bn, 0f);
      assertTrue(!bn.isTrainable(), "the layer inside a frozen model is frozen");
      inner.setTrainable(true);
      assertTrue(bn.isTrainable(), "unfreezing the model unfreezes its layers");
    }
  }

  /**
   * Adversarial training calls the base model in training mode on the neighbors too, as NSL
   * does: each step updates the moving statistics from the clean batch, then from every PGD
   * step's and the final neighbor's forward pass. A tiny step size keeps the neighbors' batch
   * statistics within 1e-4 of the clean batch's.
   */
  @Test
  void adversarialTrainingUpdatesTheMovingStatisticsOnTheNeighborsToo() {
    float[] x = random(8 * 3, 4);
    float momentum = 0.5f;
    float[][] once = expectedMoving(x, 1, 3, momentum, false);
    AdvRegConfig fgsm = AdvConfigs.makeAdvRegConfig().advStepSize(1e-5f).build();
    AdvRegConfig pgd = AdvConfigs.makeAdvRegConfig().advStepSize(1e-5f).pgdIterations(2)
        .pgdEpsilon(1e-5f).build();
    for (AdvRegConfig config : List.of(fgsm, pgd)) {
      int forwardPasses = 1 + config.advNeighborConfig().pgdIterations();
      BatchNormalization bn = new BatchNormalization().momentum(momentum);
      try (Sequential base = new Sequential(new InputLayer("image", 3), bn, new Dense(2))) {
        AdversarialRegularization adv = new AdversarialRegularization(base, config);
        adv.compile("sgd", "sparse_categorical_crossentropy");
        adv.fit(Dataset.fromTensorSlices(Features.of("image", FeatureArray.ofFloats(x, 8, 3),
            "label", FeatureArray.ofLongs(new long[] {0, 1, 0, 1, 0, 1, 0, 1}, 8))).batch(8),
            ONE_EPOCH);
        // k updates with the same batch statistic s: moving = m^k × initial + (1 − m^k) × s.
        float keep = (float) Math.pow(momentum, forwardPasses);
        float[][] expected = new float[2][3];
        for (int c = 0; c < 3; c++) {
          float meanStat = once[0][c] / (1 - momentum);
          float varStat = (once[1][c] - momentum) / (1 - momentum);
          expected[0][c] = (1 - keep) * meanStat;
          expected[1][c] = keep + (1 - keep) * varStat;
        }
        assertMoving(expected, bn, 1e-3f);
      }
    }
  }
}
