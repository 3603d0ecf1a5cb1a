package org.nsl4j.keras.layers;

import java.util.Map;
import org.nsl4j.keras.activations.Activations;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Applies a named activation, as Keras's {@code Activation}. */
public final class Activation extends Layer {

  private final String activation;

  public Activation(String activation) {
    this(activation, null);
  }

  public Activation(String activation, String name) {
    super(name);
    this.activation = Activations.checked(activation);
  }

  public String activation() {
    return activation;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("activation", activation);
    return config;
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, boolean training) {
    return Activations.get(activation).apply(tf, input);
  }
}
