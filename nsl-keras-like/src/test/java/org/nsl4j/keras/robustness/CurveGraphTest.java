package org.nsl4j.keras.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Model;

/**
 * The tutorial's curve attacks (FGSM, PGD with restarts, APGD-CE) over an 11-point ε sweep build
 * their graphs at the first ε and reuse them: the graph does not grow from the 2nd ε to the last.
 */
class CurveGraphTest {

  private static long ops(Model model) {
    long n = 0;
    for (Iterator<?> it = model.backend().graph().operations(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  @Test
  void anElevenPointCurveAddsNoGraphAfterItsFirstRadius() {
    Random random = new Random(2);
    float[] x = new float[24 * 4];
    long[] y = new long[24];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 3;
    }
    Map<String, Attack> attacks = new LinkedHashMap<>();
    attacks.put("FGSM", FastGradientMethod.builder().batchSize(8).build());
    attacks.put("PGD", ProjectedGradientDescent.builder().maxIter(5).numRandomInit(2)
        .batchSize(8).build());
    attacks.put("APGD-CE", AutoProjectedGradientDescent.builder().batchSize(8).build());
    double[] eps = {0, 0.03, 0.06, 0.09, 0.12, 0.15, 0.18, 0.21, 0.24, 0.27, 0.3};
    try (Model model = LinearModels.linear()) {
      List<Long> sizes = new ArrayList<>();
      Robustness.robustnessCurve(ModelClassifier.of(model), attacks, eps,
          FeatureArray.ofFloats(x, 24, 4), y, true, (e, accuracy) -> sizes.add(ops(model)));
      assertEquals(eps.length, sizes.size());
      assertEquals(sizes.get(1), sizes.get(sizes.size() - 1),
          "graph ops after the 2nd and the last ε " + sizes);
    }
  }
}
