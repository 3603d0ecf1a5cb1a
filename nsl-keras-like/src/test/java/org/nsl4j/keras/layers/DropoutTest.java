package org.nsl4j.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Sequential;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/** Dropout zeroes a fraction {@code rate} in training and scales the rest by 1/(1 − rate). */
class DropoutTest {

  private static final int ROWS = 100;
  private static final int COLUMNS = 1000;

  private static float[] run(Sequential model, Operand<TFloat32> output, float[] x) {
    try (Tensor in = FeatureArray.ofFloats(x, ROWS, COLUMNS).toTensor();
        Result r = model.session().runner().feed(model.inputPlaceholder(), in).fetch(output)
            .run()) {
      return FeatureArray.fromTensor(r.get(0)).floats();
    }
  }

  @Test
  void trainingModeDropsTheRateAndScalesTheRestInferenceIsTheIdentity() {
    float rate = 0.3f;
    float[] x = new float[ROWS * COLUMNS];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1f + i % 7;
    }
    try (Sequential model = new Sequential(new InputLayer("x", COLUMNS), new Dropout(rate))) {
      model.build();
      Operand<TFloat32> training =
          model.callInBranch("training", model.inputPlaceholder(), true, new ArrayList<>());
      float[] first = run(model, training, x);
      int dropped = 0;
      for (int i = 0; i < x.length; i++) {
        if (first[i] == 0f) {
          dropped++;
        } else {
          assertEquals(x[i] / (1 - rate), first[i], 1e-5f, "kept value " + i);
        }
      }
      // 100,000 Bernoulli(0.3) draws: the standard deviation of the rate is 0.00145.
      assertEquals(rate, dropped / (double) x.length, 0.006);
      assertFalse(Arrays.equals(first, run(model, training, x)), "each step draws a new mask");
      assertArrayEquals(x, model.predict(FeatureArray.ofFloats(x, ROWS, COLUMNS)).floats(), 0f);
    }
  }
}
