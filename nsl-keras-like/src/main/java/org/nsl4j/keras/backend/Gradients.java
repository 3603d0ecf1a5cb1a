package org.nsl4j.keras.backend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.optimizers.Optimizer;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gradients taken for a model's own variables and applied explicitly: the framework's {@code
 * minimize} would differentiate every variable of the graph, including optimizer slots.
 */
public final class Gradients {

  private Gradients() {}

  /**
   * Adds the gradients of {@code y} w.r.t. {@code xs} in one backward pass ({@code prefix} is made
   * unique in the graph); an entry is null where {@code y} does not depend on that x or its
   * gradient is undefined.
   */
  public static List<Output<?>> of(
      Backend backend, String prefix, Operand<TFloat32> y, List<? extends Operand<?>> xs) {
    return of(backend, prefix, y, xs, ancestors(y));
  }

  /** {@link #of} with {@code y}'s {@link #ancestors} already computed. */
  static List<Output<?>> of(Backend backend, String prefix, Operand<TFloat32> y,
      List<? extends Operand<?>> xs, Set<GraphOperation> reachable) {
    List<Output<?>> connected = new ArrayList<>();
    for (Operand<?> x : xs) {
      if (reachable.contains((GraphOperation) x.op())) {
        connected.add(x.asOutput());
      }
    }
    List<Output<?>> out = new ArrayList<>();
    if (connected.isEmpty()) {
      xs.forEach(x -> out.add(null));
      return out;
    }
    Output<?>[] dy = backend.graph().addGradients(backend.uniqueName(prefix),
        new Output<?>[] {y.asOutput()}, connected.toArray(Output<?>[]::new), null);
    int next = 0;
    for (Operand<?> x : xs) {
      Output<?> g = reachable.contains((GraphOperation) x.op()) ? dy[next++] : null;
      // An undefined gradient (e.g. through a cast to integers) comes back without an op.
      out.add(g == null || ((GraphOperation) g.op()).getUnsafeNativeHandle() == null ? null : g);
    }
    return out;
  }

  /** The ops {@code y} is computed from, itself included. */
  static Set<GraphOperation> ancestors(Operand<?> y) {
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.push((GraphOperation) y.op());
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      if (seen.add(op)) {
        for (Operand<?> in : op.inputs()) {
          todo.push((GraphOperation) in.op());
        }
      }
    }
    return seen;
  }

  /**
   * The op that applies {@code grads} to {@code weights} with {@code optimizer}, after running
   * {@code updates} (e.g. moving statistics). Weights without a gradient are skipped. No weight
   * is updated before every gradient is computed: the backward pass reads the weights (ref
   * variables) to propagate through each layer, and an update that ran before such a read would
   * give the layers below a gradient computed with the new weight.
   */
  @SuppressWarnings("unchecked")
  public static Op apply(Backend backend, Optimizer optimizer, List<Weight> weights,
      List<Output<?>> grads, List<Op> updates) {
    List<Weight> ws = new ArrayList<>();
    List<Operand<TFloat32>> gs = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      if (grads.get(i) != null) {
        ws.add(weights.get(i));
        gs.add((Operand<TFloat32>) grads.get(i));
      }
    }
    if (ws.isEmpty()) {
      throw new IllegalStateException("the loss does not depend on any trainable weight");
    }
    Op step = optimizer.apply(backend, ws, afterAll(backend, gs));
    if (updates.isEmpty()) {
      return step;
    }
    List<Op> all = new ArrayList<>(updates);
    all.add(step);
    return backend.tf().withControlDependencies(all).noOp();
  }

  /** {@code grads}, each available only once all of them are computed. */
  private static List<Operand<TFloat32>> afterAll(Backend backend, List<Operand<TFloat32>> grads) {
    Ops after = backend.tf().withSubScope(backend.uniqueName("gradients_done"))
        .withControlDependencies(new ArrayList<Op>(grads));
    List<Operand<TFloat32>> out = new ArrayList<>();
    grads.forEach(g -> out.add(after.identity(g)));
    return out;
  }
}
