package org.nsl4j.keras.backend;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * The ambient state of a model call, as Keras keeps it: the backend, the name scope of the branch
 * being built (inference, training, adversarial...) and the training flag that layers such as
 * {@code Dropout} and {@code BatchNormalization} read when not told explicitly.
 */
public final class CallContext implements AutoCloseable {

  private static final ThreadLocal<Deque<CallContext>> STACK =
      ThreadLocal.withInitial(ArrayDeque::new);

  private final Backend backend;
  private final Ops branch;
  private final boolean training;
  private final List<Object> calledLayers;
  private final List<Op> updates;

  private CallContext(
      Backend backend, Ops branch, boolean training, List<Object> calledLayers, List<Op> updates) {
    this.backend = backend;
    this.branch = branch;
    this.training = training;
    this.calledLayers = calledLayers;
    this.updates = updates;
  }

  /**
   * Enters a call; close the returned context (try-with-resources) to leave it. Layers called
   * directly inside it are recorded in {@code calledLayers} (first call first); state updates
   * they create (e.g. moving statistics) are appended to {@code updates}.
   */
  public static CallContext enter(
      Backend backend, Ops branch, boolean training, List<Object> calledLayers, List<Op> updates) {
    CallContext c = new CallContext(backend, branch, training, calledLayers, updates);
    STACK.get().push(c);
    return c;
  }

  /** Records {@code layer} as called by the model being built (once). */
  public void recordLayer(Object layer) {
    if (calledLayers.stream().noneMatch(l -> l == layer)) {
      calledLayers.add(layer);
    }
  }

  /** Adds an op that must run with each training step of this call's outputs. */
  public void addUpdate(Op update) {
    updates.add(update);
  }

  /** The update ops added so far. */
  public List<Op> updates() {
    return updates;
  }

  /** The innermost active context; fails outside any model call. */
  public static CallContext current() {
    CallContext c = STACK.get().peek();
    if (c == null) {
      throw new IllegalStateException(
          "layers can be called on tensors only while a model is being called: use them in a"
              + " functional model, a Sequential, or a Model subclass's call()");
    }
    return c;
  }

  public Backend backend() {
    return backend;
  }

  /** The op builder of the branch being built. */
  public Ops branch() {
    return branch;
  }

  public boolean training() {
    return training;
  }

  @Override
  public void close() {
    STACK.get().pop();
  }
}
