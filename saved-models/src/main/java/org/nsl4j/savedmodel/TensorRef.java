package org.nsl4j.savedmodel;

/**
 * One tensor a Keras model config refers to: output {@code tensorIndex} of call {@code
 * nodeIndex} of layer {@code layer}, as Keras's {@code keras_history} or Keras 2's {@code
 * ["name", node, tensor, {}]}.
 */
record TensorRef(String layer, int nodeIndex, int tensorIndex) {

  @Override
  public String toString() {
    return layer + "[" + nodeIndex + "][" + tensorIndex + "]";
  }
}
