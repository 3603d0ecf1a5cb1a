package org.nsl4j.keras.layers;

import java.util.ArrayList;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Input;
import org.nsl4j.keras.models.KerasTensor;
import org.nsl4j.keras.models.Model;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/** A one-layer functional model, called in inference or training mode on given inputs. */
final class OneLayer implements AutoCloseable {

  private final Model model;
  private final long[] example;
  private Operand<TFloat32> inference;
  private Operand<TFloat32> training;

  OneLayer(Layer layer, long... example) {
    KerasTensor in = Input.of("x", example);
    this.model = new Model(in, layer.apply(in));
    this.example = example.clone();
    model.build();
  }

  /**
   * The layer's output on {@code batch} examples {@code x}, in training mode or not; every
   * training run is one more step of the same training branch.
   */
  float[] run(float[] x, int batch, boolean trainingMode) {
    if (trainingMode && training == null) {
      training = model.backend().tf().identity(
          model.callInBranch("train", model.inputPlaceholder(), true, new ArrayList<>()));
    } else if (!trainingMode && inference == null) {
      inference = model.backend().tf().identity(model.output());
    }
    Operand<TFloat32> y = trainingMode ? training : inference;
    long[] shape = new long[example.length + 1];
    shape[0] = batch;
    System.arraycopy(example, 0, shape, 1, example.length);
    try (Tensor t = FeatureArray.ofFloats(x, shape).toTensor();
        Result r = model.session().runner().feed(model.inputPlaceholder(), t)
            .fetch(y).run()) {
      return FeatureArray.fromTensor(r.get(0)).floats();
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
