package org.nsl4j.keras.profiler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nsl4j.keras.models.Model;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;

/**
 * The multiply-accumulates (MACs) of a model's inference graph for one example, counted from the
 * static shapes of its convolutions and matrix products, as TensorFlow's profiler counts float
 * operations: a convolution costs output positions × kernel size × input channels × filters, a
 * matrix product rows-of-one-example × inner size × columns. Element-wise ops (bias, activations,
 * pooling) are not counted; they are a few percent of a CNN's work. The leading dimension of
 * every counted op is the batch.
 *
 * @param ops every counted op reached from the outputs with its MACs per example, by op name
 */
public record FlopCount(List<Entry> ops) {

  /** One counted op: its graph name, type and MACs per example. */
  public record Entry(String name, String type, long macs) {}

  public FlopCount {
    ops = List.copyOf(ops);
  }

  /** The count of {@code model}'s inference graph (training = false), from input to outputs. */
  public static FlopCount forward(Model model) {
    return of(model.outputs());
  }

  /** The count of every op that {@code outputs} depend on. */
  public static FlopCount of(List<? extends Operand<?>> outputs) {
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<GraphOperation> pending = new ArrayDeque<>();
    outputs.forEach(o -> pending.push((GraphOperation) o.op()));
    while (!pending.isEmpty()) {
      GraphOperation op = pending.pop();
      if (!seen.add(op.name())) {
        continue;
      }
      long macs = OpMacs.of(op);
      if (macs > 0) {
        entries.add(new Entry(op.name(), op.type(), macs));
      }
      op.inputs().forEach(in -> pending.push((GraphOperation) in.op()));
    }
    entries.sort((a, b) -> a.name().compareTo(b.name()));
    return new FlopCount(entries);
  }

  /** MACs per example. */
  public long macs() {
    return ops.stream().mapToLong(Entry::macs).sum();
  }

  /** Float operations of one forward pass per example: two per MAC. */
  public long flops() {
    return 2 * macs();
  }

  /**
   * Nominal float operations of one training step per example: the forward pass, the gradient
   * with respect to each layer's input and the gradient with respect to its weights, each about
   * one forward pass.
   */
  public long trainingStepFlops() {
    return 3 * flops();
  }

  /** The product of dimensions [from, to) of {@code shape}; fails on unknown sizes. */
  static long product(Shape shape, int from, int to, GraphOperation op) {
    long p = 1;
    for (int i = from; i < to; i++) {
      long d = shape.get(i);
      if (d < 0) {
        throw new IllegalArgumentException("cannot count the MACs of " + op.type() + " '"
            + op.name() + "': dimension " + i + " of shape " + shape + " is unknown");
      }
      p *= d;
    }
    return p;
  }
}
