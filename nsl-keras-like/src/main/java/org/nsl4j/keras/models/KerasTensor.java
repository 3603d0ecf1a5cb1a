package org.nsl4j.keras.models;

import java.util.ArrayList;
import java.util.List;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;

/**
 * A symbolic tensor of the functional API: output {@code index} of {@code layer} applied to
 * {@code inputs} (or a model input when {@code inputs} is empty). Tensors form a directed acyclic
 * graph (branches, merges, shared layers, nested models); it is replayed on real tensors when the
 * model is built, once per branch (inference, training, adversarial).
 */
public final class KerasTensor {

  private final Layer layer;
  private final List<KerasTensor> inputs;
  private final int index;
  /** One object per layer call, shared by that call's outputs. */
  private final Object node;

  private KerasTensor(Layer layer, List<KerasTensor> inputs, int index, Object node) {
    this.layer = layer;
    this.inputs = inputs;
    this.index = index;
    this.node = node;
  }

  /** The output of {@code layer} on {@code input}. */
  public static KerasTensor of(Layer layer, KerasTensor input) {
    return of(layer, List.of(requireInput(layer, input)), 0);
  }

  /** Output {@code index} of {@code layer} on {@code inputs} (in the order the layer takes them). */
  public static KerasTensor of(Layer layer, List<KerasTensor> inputs, int index) {
    return outputsOf(layer, inputs, index + 1).get(index);
  }

  /** The first {@code count} outputs of one call of {@code layer} on {@code inputs}. */
  public static List<KerasTensor> outputsOf(Layer layer, List<KerasTensor> inputs, int count) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("layer '" + layer.name() + "' was applied to no tensor");
    }
    inputs.forEach(t -> requireInput(layer, t));
    List<KerasTensor> in = List.copyOf(inputs);
    Object node = new Object();
    List<KerasTensor> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new KerasTensor(layer, in, i, node));
    }
    return out;
  }

  /** A model input. */
  static KerasTensor input(InputLayer layer) {
    return new KerasTensor(layer, List.of(), 0, new Object());
  }

  /** The layer call that produced this tensor (shared by the call's outputs). */
  Object node() {
    return node;
  }

  private static KerasTensor requireInput(Layer layer, KerasTensor t) {
    if (t == null) {
      throw new IllegalArgumentException("layer '" + layer.name() + "' was applied to null");
    }
    return t;
  }

  /** The layer producing this tensor. */
  public Layer layer() {
    return layer;
  }

  /** The tensors this one was computed from (empty for a model input). */
  public List<KerasTensor> inputs() {
    return inputs;
  }

  /** Which of the layer's outputs this is (0 unless the layer is a model with several). */
  public int index() {
    return index;
  }

  /** Whether this is a model input. */
  public boolean isInput() {
    return inputs.isEmpty();
  }
}
