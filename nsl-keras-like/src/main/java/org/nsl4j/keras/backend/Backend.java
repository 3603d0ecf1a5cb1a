package org.nsl4j.keras.backend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nsl4j.keras.config.SessionOptions;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The TensorFlow graph and session a model's layers live in (Keras's backend session). A model
 * creates one when it is first built; wrappers such as {@code AdversarialRegularization} share
 * their base model's backend, so every call of a layer reuses the same variables.
 */
public final class Backend implements AutoCloseable {

  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Set<String> usedNames = new HashSet<>();
  private final long seed;
  private final List<Variable<TFloat32>> trainingState = new ArrayList<>();
  private SessionOptions sessionOptions = SessionOptions.defaults();
  private Session session;

  /** A backend whose initializers and random ops derive their seeds from {@code seed}. */
  public Backend(long seed) {
    this.seed = seed;
  }

  public Graph graph() {
    return graph;
  }

  /** The root op builder of this graph. */
  public Ops tf() {
    return tf;
  }

  /**
   * The session, created on first use with the {@link #sessionOptions()}; new variables are
   * initialized on the next run.
   */
  public synchronized Session session() {
    if (session == null) {
      sessionOptions = sessionOptions.policy(sessionOptions.policy());
      session = new Session(graph, sessionOptions.configForNewSession());
    }
    return session;
  }

  /** The options the session is (or will be) created with. */
  public synchronized SessionOptions sessionOptions() {
    return sessionOptions;
  }

  /** Sets the session's options; fails once the session exists (after the first run). */
  public synchronized void sessionOptions(SessionOptions options) {
    if (session != null) {
      throw new IllegalStateException("the session already runs with " + sessionOptions
          + "; set session options before the model's first fit, evaluate or predict");
    }
    sessionOptions = options;
  }

  /** {@code base}, or {@code base_1}, {@code base_2}... if already taken in this graph. */
  public synchronized String uniqueName(String base) {
    String name = base;
    for (int i = 1; usedNames.contains(name); i++) {
      name = base + "_" + i;
    }
    usedNames.add(name);
    return name;
  }

  /** Claims a user-given name; fails if another layer of this graph has it. */
  public synchronized void claimName(String name) {
    if (!usedNames.add(name)) {
      throw new IllegalArgumentException(
          "layer name '" + name + "' is used twice in one model; layer names must be unique");
    }
  }

  /** Registers a variable of training state (an optimizer slot) for checkpoints. */
  public synchronized void addTrainingState(Variable<TFloat32> variable) {
    trainingState.add(variable);
  }

  /** The training-state variables created so far (optimizer slots), in creation order. */
  public synchronized List<Variable<TFloat32>> trainingState() {
    return List.copyOf(trainingState);
  }

  /** A reproducible seed for the random op or initializer called {@code purpose}. */
  public long seedFor(String purpose) {
    long h = seed * 0x9E3779B97F4A7C15L + purpose.hashCode();
    return h ^ (h >>> 29);
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.close();
      session = null;
    }
    graph.close();
  }
}
