package org.nsl4j.keras.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.core.configs.AdvRegConfig;
import org.nsl4j.keras.backend.Gradients;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.models.Sequential;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** NSL's {@code adversarial_loss} in a training graph written by hand, on NSL's golden case. */
class AdversarialLossTest {

  private static final AdvRegConfig FGSM = AdvConfigs.makeAdvRegConfig()
      .multiplier(0.2f).advStepSize(0.01f).advGradNorm("infinity").build();

  @Test
  @SuppressWarnings("unchecked")
  void aHandWrittenTrainingStepMatchesNslsGoldenValues() {
    try (Sequential model = AdversarialRegularizationTest.linearModel()) {
      Ops tf = model.backend().tf();
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
      AdversarialLoss adv = AdversarialLoss.of(model, Losses.meanSquaredError(), y, FGSM);
      Operand<TFloat32> objective = tf.math.add(adv.labeledLoss(), adv.scaledLoss());
      List<Weight> weights = model.trainableWeights();
      List<Output<?>> grads = Gradients.of(model.backend(), "objective_gradients", objective,
          weights.stream().map(Weight::variable).toList());
      List<Op> steps = new ArrayList<>();
      for (int i = 0; i < weights.size(); i++) {
        steps.add(tf.train.applyGradientDescent(weights.get(i).variable(), tf.constant(0.01f),
            (Operand<TFloat32>) grads.get(i)));
      }
      try (Tensor x = FeatureArray.ofFloats(new float[] {2, 3}, 1, 2).toTensor();
          Tensor label = FeatureArray.ofFloats(new float[] {0}, 1, 1).toTensor();
          Result r = model.session().runner().feed(model.inputPlaceholder(), x).feed(y, label)
              .fetch(adv.neighbors().get(0)).fetch(adv.labeledLoss())
              .fetch(adv.adversarialLoss()).fetch(adv.scaledLoss()).run()) {
        assertArrayEquals(new float[] {1.99f, 3.01f}, FeatureArray.fromTensor(r.get(0)).floats(),
            1e-6f);
        assertEquals(1f, ((TFloat32) r.get(1)).getFloat(), 1e-6f);
        double advLoss = Math.pow(4 * 1.99 - 3 * 3.01, 2);
        assertEquals(advLoss, ((TFloat32) r.get(2)).getFloat(), 1e-5);
        assertEquals(0.2 * advLoss, ((TFloat32) r.get(3)).getFloat(), 1e-5);
        Session.Runner step = model.session().runner().feed(model.inputPlaceholder(), x)
            .feed(y, label);
        steps.forEach(step::addTarget);
        step.run().close();
      }
      assertArrayEquals(new float[] {4.0485172f, -2.9271172f},
          model.layers().get(0).getWeights().get(0).floats(), 1e-6f);
    }
  }
}
