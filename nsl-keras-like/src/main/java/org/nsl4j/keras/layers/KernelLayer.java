package org.nsl4j.keras.layers;

import java.util.List;
import java.util.Map;
import org.nsl4j.keras.activations.Activations;
import org.nsl4j.keras.initializers.Initializers;
import org.nsl4j.keras.regularizers.Regularizers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A layer with a kernel and an optional bias ({@code Dense}, {@code Conv2D}, {@code
 * DepthwiseConv2D}...): their Keras options {@code useBias}, initializers and kernel regularizer.
 * The kernel regularizer is not part of {@link #getConfig()}.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
public abstract class KernelLayer<L extends KernelLayer<L>> extends Layer {

  private boolean useBias = true;
  private String kernelInitializer = "glorot_uniform";
  private String biasInitializer = "zeros";
  private Regularizers.Regularizer kernelRegularizer;
  private Variable<TFloat32> kernel;
  private Variable<TFloat32> bias;

  protected KernelLayer(String name) {
    super(name);
  }

  @SuppressWarnings("unchecked")
  private L self() {
    return (L) this;
  }

  /** Whether to add a bias (default true). */
  public L useBias(boolean useBias) {
    this.useBias = useBias;
    return self();
  }

  /** The kernel's initializer by Keras name (default {@code glorot_uniform}). */
  public L kernelInitializer(String name) {
    Initializers.get(name);
    this.kernelInitializer = name;
    return self();
  }

  /** The bias's initializer by Keras name (default {@code zeros}). */
  public L biasInitializer(String name) {
    Initializers.get(name);
    this.biasInitializer = name;
    return self();
  }

  /** A penalty on the kernel added to the training loss. */
  public L kernelRegularizer(Regularizers.Regularizer regularizer) {
    this.kernelRegularizer = regularizer;
    return self();
  }

  public boolean useBias() {
    return useBias;
  }

  /** Creates the {@code kernel} and, if used, the {@code bias} of {@code units}. */
  protected final void addKernelAndBias(Shape kernelShape, long units) {
    addKernelAndBias("kernel", kernelShape, units);
  }

  /** Creates the kernel {@code kernelName} and, if used, the {@code bias} of {@code units}. */
  protected final void addKernelAndBias(String kernelName, Shape kernelShape, long units) {
    addKernel(kernelName, kernelShape);
    addBias(units);
  }

  /** Creates the kernel called {@code kernelName} with the kernel initializer. */
  protected final void addKernel(String kernelName, Shape kernelShape) {
    kernel = addWeight(kernelName, kernelShape, Initializers.get(kernelInitializer), true);
  }

  /** Creates the {@code bias} of {@code units}, if the layer uses one. */
  protected final void addBias(long units) {
    if (useBias) {
      bias = addWeight("bias", Shape.of(units), Initializers.get(biasInitializer), true);
    }
  }

  protected final Variable<TFloat32> kernel() {
    return kernel;
  }

  /** {@code activation(y + bias)}, the bias only when the layer has one. */
  protected final Operand<TFloat32> activated(Ops tf, String activation, Operand<TFloat32> y) {
    return Activations.get(activation).apply(tf, withBias(tf, y));
  }

  /** {@code y + bias} when the layer has a bias. */
  protected final Operand<TFloat32> withBias(Ops tf, Operand<TFloat32> y) {
    return useBias ? tf.nn.biasAdd(y, bias) : y;
  }

  /**
   * Adds {@code use_bias}, the kernel initializer under {@code kernelField} (Keras's {@code
   * kernel_initializer} or {@code depthwise_initializer}) and {@code bias_initializer}.
   */
  protected final Map<String, Object> kernelConfig(Map<String, Object> config, String kernelField) {
    config.put("use_bias", useBias);
    config.put(kernelField, kernelInitializer);
    config.put("bias_initializer", biasInitializer);
    return config;
  }

  @Override
  public List<Operand<TFloat32>> regularizationLosses(Ops tf) {
    return kernelRegularizer == null || kernel == null
        ? List.of()
        : List.of(kernelRegularizer.penalty(tf, kernel));
  }
}
