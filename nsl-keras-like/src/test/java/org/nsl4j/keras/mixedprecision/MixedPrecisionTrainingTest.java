package org.nsl4j.keras.mixedprecision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.config.SessionOptions;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.data.Features;
import org.nsl4j.keras.datasets.Idx;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.optimizers.Adam;
import org.nsl4j.keras.profiler.ExecutedGraph;
import org.nsl4j.keras.testing.SharedFixtures;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;

/** A small CNN trained on real digits under mixed_bfloat16 and under float32. */
class MixedPrecisionTrainingTest {

  private static final String ACCURACY = "sparse_categorical_accuracy";

  private static Sequential cnn() {
    return new Sequential(new InputLayer("image", 28, 28, 1), new Conv2D(16, 3, "relu"),
        new MaxPooling2D(2), new Conv2D(32, 3, "relu"), new MaxPooling2D(2), new Flatten(),
        new Dense(10));
  }

  @Test
  void bfloat16TrainsToTheFloat32AccuracyBandAndKeepsFloat32Variables() throws IOException {
    assumeTrue(Policy.MIXED_BFLOAT16.isSupported(), "this machine cannot compute in bfloat16");
    Path mnist = SharedFixtures.mnistTest();
    Features digits = Idx.readLabeledImages(mnist.resolve("t10k-images-idx3-ubyte.gz"),
        mnist.resolve("t10k-labels-idx1-ubyte.gz"));
    FeatureArray images = scaled(digits.get(Idx.IMAGE));
    FeatureArray labels = digits.get(Idx.LABEL);
    Dataset train = Dataset.fromTensorSlices(images.rows(0, 800), labels.rows(0, 800))
        .shuffle(800, 3).batch(32);
    Dataset test = Dataset.fromTensorSlices(images.rows(800, 1300), labels.rows(800, 1300))
        .batch(250);
    try (Sequential fp32 = cnn(); Sequential bf16 = cnn()) {
      bf16.sessionOptions(SessionOptions.defaults().policy("mixed_bfloat16"));
      double[] accuracy = new double[2];
      Sequential[] models = {fp32, bf16};
      for (int i = 0; i < 2; i++) {
        models[i].compile(new Adam(0.002f), Losses.sparseCategoricalCrossentropy(true),
            "accuracy");
        models[i].fit(train, org.nsl4j.keras.training.FitOptions.epochs(3).verbose(0));
        Map<String, Double> eval = models[i].evaluate(test, 0);
        accuracy[i] = eval.get(ACCURACY);
      }
      assertTrue(accuracy[0] > 0.8, "float32 accuracy " + accuracy[0]);
      assertTrue(Math.abs(accuracy[1] - accuracy[0]) < 0.05,
          "bfloat16 " + accuracy[1] + " vs float32 " + accuracy[0]);
      assertSame(Policy.MIXED_BFLOAT16, bf16.sessionOptions().policy());
      for (Weight w : bf16.weights()) {
        try (Result r = bf16.session().runner().fetch(w.variable()).run()) {
          assertEquals(DataType.DT_FLOAT, r.get(0).dataType(), w.name());
        }
      }
      ExecutedGraph bfloat = executedPredict(bf16, images.rows(0, 4));
      ExecutedGraph plain = executedPredict(fp32, images.rows(0, 4));
      assertTrue(bfloat.count("Conv2D", DataType.DT_BFLOAT16) >= 2,
          bfloat.opTypesIn(DataType.DT_BFLOAT16).toString());
      assertTrue(bfloat.count("MatMul", DataType.DT_BFLOAT16) >= 1,
          bfloat.opTypesIn(DataType.DT_BFLOAT16).toString());
      assertEquals(Map.of(), plain.opTypesIn(DataType.DT_BFLOAT16));
      assertEquals(DataType.DT_FLOAT, bf16.output().asOutput().dataType());
    }
  }

  @Test
  void theGlobalPolicyAppliesToModelsWithoutOneOfTheirOwn() {
    assumeTrue(Policy.MIXED_BFLOAT16.isSupported(), "this machine cannot compute in bfloat16");
    FeatureArray x = FeatureArray.ofFloats(new float[4 * 784], 4, 28, 28, 1);
    Policy.setGlobalPolicy("mixed_bfloat16");
    try (Sequential global = cnn(); Sequential own = cnn()) {
      own.sessionOptions(SessionOptions.defaults().policy("float32"));
      assertTrue(executedPredict(global, x).count("Conv2D", DataType.DT_BFLOAT16) >= 2);
      assertEquals(Map.of(), executedPredict(own, x).opTypesIn(DataType.DT_BFLOAT16));
      Policy.setGlobalPolicy(Policy.FLOAT32);
      assertSame(Policy.MIXED_BFLOAT16, global.sessionOptions().policy(),
          "a running session keeps the policy it was created with");
    } finally {
      Policy.setGlobalPolicy(Policy.FLOAT32);
    }
  }

  private static ExecutedGraph executedPredict(Sequential model, FeatureArray x) {
    try (Tensor t = x.toTensor()) {
      return ExecutedGraph.of(model.session().runner()
          .feed(model.inputPlaceholder(), t).fetch(model.output()));
    }
  }

  private static FeatureArray scaled(FeatureArray pixels) {
    float[] v = pixels.floats().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] /= 255f;
    }
    return FeatureArray.ofFloats(v, pixels.shape());
  }
}
