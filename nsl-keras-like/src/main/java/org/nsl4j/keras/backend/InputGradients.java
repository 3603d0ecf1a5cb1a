package org.nsl4j.keras.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.nsl4j.keras.backend.Backend;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The gradients of a loss with respect to a model input and to the weights, from one backward
 * pass: what an adversarial step needs (the input gradient gives the attack direction).
 *
 * <p>When the input feeds a single stride-1 {@code Conv2D}, as in image models, the input
 * gradient is computed from the gradient of that convolution's output with one matrix product
 * and a sum of shifted slices. That is exact, and several times faster on CPU than TensorFlow's
 * {@code Conv2DBackpropInput} for the few channels of an input image.
 */
public final class InputGradients {

  private InputGradients() {}

  /** {@code [d loss/d x, d loss/d weights...]}; an entry is null where there is no dependence. */
  public static List<Output<?>> of(Backend backend, String prefix, Operand<TFloat32> loss,
      Operand<TFloat32> x, List<? extends Operand<?>> weights) {
    return of(backend, prefix, loss, List.of(x), weights);
  }

  /**
   * {@code [d loss/d x_1, ..., d loss/d x_n, d loss/d weights...]} from one backward pass; an
   * entry is null where {@code loss} does not depend on it (or its gradient is not defined, as
   * through a cast to integers).
   */
  @SuppressWarnings("unchecked")
  public static List<Output<?>> of(Backend backend, String prefix, Operand<TFloat32> loss,
      List<Operand<TFloat32>> xs, List<? extends Operand<?>> weights) {
    Set<GraphOperation> ancestors = Gradients.ancestors(loss);
    List<GraphOperation> convs = new ArrayList<>();
    List<Operand<?>> targets = new ArrayList<>();
    for (Operand<TFloat32> x : xs) {
      GraphOperation conv = firstConvolution(ancestors, x);
      convs.add(conv);
      targets.add(conv == null ? x : conv.output(0));
    }
    targets.addAll(weights);
    List<Output<?>> grads = Gradients.of(backend, prefix, loss, targets, ancestors);
    for (int i = 0; i < xs.size(); i++) {
      GraphOperation conv = convs.get(i);
      if (conv != null && grads.get(i) != null) {
        Ops tf = backend.tf().withSubScope(backend.uniqueName(prefix + "_input"));
        grads.set(i, inputGradient(tf, (Operand<TFloat32>) grads.get(i),
            (Operand<TFloat32>) conv.input(1), xs.get(i).shape(),
            conv.attributes().getAttrString("padding")).asOutput());
      }
    }
    return grads;
  }

  /** The one Conv2D through which {@code loss} depends on {@code x}, if it qualifies. */
  private static GraphOperation firstConvolution(
      Set<GraphOperation> ancestors, Operand<TFloat32> x) {
    List<GraphOperation> users = ((GraphOperation) x.op()).consumers(x.asOutput().index())
        .stream().filter(ancestors::contains).toList();
    if (users.size() != 1 || !users.get(0).type().equals("Conv2D")) {
      return null;
    }
    GraphOperation conv = users.get(0);
    var attrs = conv.attributes();
    boolean unitStrides = Arrays.stream(attrs.getAttrIntList("strides")).allMatch(s -> s == 1)
        && Arrays.stream(attrs.getAttrIntList("dilations")).allMatch(d -> d == 1);
    String padding = attrs.getAttrString("padding");
    Shape in = x.shape();
    Shape kernel = conv.input(1).shape();
    boolean known = in.numDimensions() == 4 && in.size(1) > 0 && in.size(2) > 0
        && in.size(3) > 0 && kernel.numDimensions() == 4 && !kernel.hasUnknownDimension();
    boolean ok = unitStrides && known && conv.input(0).equals(x.asOutput())
        && attrs.getAttrString("data_format").equals("NHWC")
        && (padding.equals("VALID") || padding.equals("SAME"));
    return ok ? conv : null;
  }

  /**
   * The input gradient of a stride-1 NHWC convolution from its output gradient {@code dy}:
   * {@code dy · kernelᵀ} gives, for each kernel tap, the contribution to the input pixel that tap
   * reads; summing those contributions shifted into place is the transposed convolution.
   */
  static Operand<TFloat32> inputGradient(
      Ops tf, Operand<TFloat32> dy, Operand<TFloat32> kernel, Shape inputShape, String padding) {
    Shape k = kernel.shape();
    long kh = k.size(0);
    long kw = k.size(1);
    long cin = k.size(2);
    long cout = k.size(3);
    Operand<TFloat32> taps = tf.linalg.matMul(
        tf.reshape(dy, tf.constant(new long[] {-1, cout})),
        tf.reshape(kernel, tf.constant(new long[] {kh * kw * cin, cout})),
        MatMul.transposeB(true));
    Operand<TFloat32> perTap = tf.reshape(taps,
        tf.concat(List.of(tf.slice(tf.shape(dy, TInt64.class),
            tf.constant(new long[] {0}), tf.constant(new long[] {3})),
            tf.constant(new long[] {kh * kw * cin})), tf.constant(0)));
    List<Operand<TFloat32>> shifted = new ArrayList<>();
    for (int i = 0; i < kh; i++) {
      for (int j = 0; j < kw; j++) {
        Operand<TFloat32> tap = tf.slice(perTap,
            tf.constant(new long[] {0, 0, 0, (i * kw + j) * cin}),
            tf.constant(new long[] {-1, -1, -1, cin}));
        shifted.add(tf.pad(tap,
            tf.constant(new long[][] {{0, 0}, {i, kh - 1 - i}, {j, kw - 1 - j}, {0, 0}}),
            tf.constant(0f)));
      }
    }
    Operand<TFloat32> full = tf.math.addN(shifted);
    if (padding.equals("VALID")) {
      return full;
    }
    long top = (kh - 1) / 2;
    long left = (kw - 1) / 2;
    return tf.slice(full, tf.constant(new long[] {0, top, left, 0}),
        tf.constant(new long[] {-1, inputShape.size(1), inputShape.size(2), cin}));
  }
}
