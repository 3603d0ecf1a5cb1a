package org.nsl4j.keras.robustness;

import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A differentiable classifier: attacks build their graphs in its TensorFlow graph, on inputs
 * flattened to rows {@code [batch, inputSize]}, and run them in its session.
 */
public interface GradientClassifier extends Classifier {

  /** The ops of the classifier's graph. */
  Ops tf();

  /** The session holding the classifier's weights. */
  Session session();

  /**
   * Adds the network, preprocessing included, on {@code rows} (inputs flattened to {@code [batch,
   * inputSize]}) and returns its logits {@code [batch, numClasses]}.
   */
  Operand<TFloat32> logits(Operand<TFloat32> rows);

  /**
   * The gradient of the scalar {@code loss} with respect to {@code rows}, on which {@link
   * #logits(Operand)} was called, shaped like {@code rows}.
   */
  Operand<TFloat32> gradient(Operand<TFloat32> loss, Operand<TFloat32> rows);

  /**
   * The graph part kept under {@code key}, built by {@code build} the first time: attacks build
   * their graphs once per classifier and configuration.
   */
  <T> T graph(Object key, Supplier<T> build);

  @Override
  default boolean hasGradients() {
    return true;
  }
}
