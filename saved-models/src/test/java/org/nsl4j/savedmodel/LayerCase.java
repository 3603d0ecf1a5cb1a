package org.nsl4j.savedmodel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.nsl4j.keras.layers.Layer;

/**
 * One case of the layer harness ({@link LayerHarness}): how to make the layer, the example shapes
 * of its inputs, its output shape and weight names, one small forward computation worked out by
 * hand, and how to draw random inputs for the gradient check.
 */
final class LayerCase {

  final String label;
  final Supplier<Layer> make;
  final List<long[]> inputShapes = new ArrayList<>();
  long[] outputShape;
  List<String> weightNames = List.of();
  List<float[]> weights = List.of();
  float[][] forwardInputs;
  float[] expected;
  double tolerance = 1e-5;
  ToDoubleFunction<Random> sampler = LayerCase::awayFromZero;
  boolean differentiableInputs = true;
  String kerasVersion = "3";

  private LayerCase(String label, Supplier<Layer> make) {
    this.label = label;
    this.make = make;
  }

  /** A case labelled {@code label} for the layers {@code make} returns (a new one per call). */
  static LayerCase of(String label, Supplier<Layer> make) {
    return new LayerCase(label, make);
  }

  /** One more input, of example shape {@code shape} (no batch dimension). */
  LayerCase input(long... shape) {
    inputShapes.add(shape.clone());
    return this;
  }

  /** The expected example shape of the output (no batch dimension). */
  LayerCase output(long... shape) {
    outputShape = shape.clone();
    return this;
  }

  /** The weight names in order (after {@code layer/}), e.g. {@code "kernel", "bias"}. */
  LayerCase weightNames(String... names) {
    weightNames = List.of(names);
    return this;
  }

  /** The weights of the hand computation, in order (row-major). */
  LayerCase weights(float[]... values) {
    weights = Arrays.asList(values);
    return this;
  }

  /**
   * The hand computation: {@code inputs} (one row-major array per input; the batch is their size
   * over the example size) give {@code expected}.
   */
  LayerCase forward(float[][] inputs, float[] expected) {
    this.forwardInputs = inputs;
    this.expected = expected;
    return this;
  }

  /** {@link #forward(float[][], float[])} for a one-input layer. */
  LayerCase forward(float[] input, float[] expected) {
    return forward(new float[][] {input}, expected);
  }

  LayerCase tolerance(double tolerance) {
    this.tolerance = tolerance;
    return this;
  }

  /** How random inputs of the gradient and round-trip checks are drawn. */
  LayerCase sampler(ToDoubleFunction<Random> sampler) {
    this.sampler = sampler;
    return this;
  }

  /** The inputs have no gradient (e.g. an Embedding's ids). */
  LayerCase nonDifferentiableInputs() {
    differentiableInputs = false;
    return this;
  }

  /** The Keras version the registry reads the config as (default 3). */
  LayerCase kerasVersion(String version) {
    kerasVersion = version;
    return this;
  }

  /** Gaussian values moved at least 0.1 away from 0, where ReLU-like functions have kinks. */
  static double awayFromZero(Random random) {
    double g = random.nextGaussian();
    return Math.signum(g) * (0.1 + Math.abs(g));
  }

  @Override
  public String toString() {
    return label;
  }
}
