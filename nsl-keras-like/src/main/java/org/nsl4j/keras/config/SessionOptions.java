package org.nsl4j.keras.config;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nsl4j.keras.mixedprecision.Policy;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How TensorFlow runs a model's session, as Python's {@code tf.config.threading} and {@code
 * tf.config.optimizer.set_experimental_options} set it: thread counts, Grappler graph rewrites
 * and the precision {@link Policy}. Immutable; each {@code with} method returns a copy. Give it
 * to a model ({@code model.sessionOptions(...)}) or a loaded SavedModel before its first run.
 *
 * <pre>{@code
 * model.sessionOptions(SessionOptions.defaults()
 *     .policy("mixed_bfloat16")                      // compute in bfloat16, variables float32
 *     .optimizerOption("remapping", false));          // a Grappler rewrite switched off
 * }</pre>
 *
 * <p>TensorFlow keeps one intra-op thread pool per process, sized by the first session created
 * (as in Python, where it cannot be changed once TensorFlow is initialized): {@link
 * #intraOpParallelismThreads} therefore applies process-wide, and asking a later session for
 * another size fails. Inter-op threads set here give the session a pool of its own.
 */
public final class SessionOptions {

  private static final SessionOptions DEFAULTS = new SessionOptions(0, 0, null, Map.of());
  /** The intra-op pool size of the first session nsl4j created in this process, or 0. */
  private static int processIntraOpThreads;

  private final int intraOpThreads;
  private final int interOpThreads;
  private final Policy policy;
  private final Map<String, Boolean> optimizerOptions;

  private SessionOptions(int intraOpThreads, int interOpThreads, Policy policy,
      Map<String, Boolean> optimizerOptions) {
    this.intraOpThreads = intraOpThreads;
    this.interOpThreads = interOpThreads;
    this.policy = policy;
    this.optimizerOptions = Map.copyOf(optimizerOptions);
  }

  /**
   * TensorFlow's defaults, which no thread setting measured on 2 cores beat: one intra-op and one
   * inter-op thread per core, every default Grappler rewrite, and the global precision policy.
   */
  public static SessionOptions defaults() {
    return DEFAULTS;
  }

  /** Threads one op (a convolution, a matrix product) is split over; process-wide. */
  public SessionOptions intraOpParallelismThreads(int threads) {
    return new SessionOptions(positive("intraOpParallelismThreads", threads), interOpThreads,
        policy, optimizerOptions);
  }

  /** Threads that run independent ops of a step at the same time, in a pool of this session. */
  public SessionOptions interOpParallelismThreads(int threads) {
    return new SessionOptions(intraOpThreads, positive("interOpParallelismThreads", threads),
        policy, optimizerOptions);
  }

  /** The precision policy by name ({@link Policy#of}); fails if this machine cannot run it. */
  public SessionOptions policy(String name) {
    return policy(Policy.of(name));
  }

  /** The precision policy of this session, instead of the global one. */
  public SessionOptions policy(Policy policy) {
    return new SessionOptions(intraOpThreads, interOpThreads, policy.requireSupported(),
        optimizerOptions);
  }

  /**
   * Switches a Grappler rewrite on or off by its {@code RewriterConfig} name, as {@code
   * tf.config.optimizer.set_experimental_options}: e.g. {@code constant_folding}, {@code
   * remapping}, {@code layout_optimizer}, {@code disable_meta_optimizer}.
   */
  public SessionOptions optimizerOption(String name, boolean enabled) {
    rewriterField(name);
    Map<String, Boolean> options = new LinkedHashMap<>(optimizerOptions);
    options.put(name, enabled);
    return new SessionOptions(intraOpThreads, interOpThreads, policy, options);
  }

  /** The intra-op thread count asked for, or 0 for TensorFlow's choice (one per core). */
  public int intraOpParallelismThreads() {
    return intraOpThreads;
  }

  /** The inter-op thread count asked for, or 0 for TensorFlow's shared pool (one per core). */
  public int interOpParallelismThreads() {
    return interOpThreads;
  }

  /** The policy of these options, else the global policy. */
  public Policy policy() {
    return policy != null ? policy : Policy.globalPolicy();
  }

  /** The Grappler switches set here, by name. */
  public Map<String, Boolean> optimizerOptions() {
    return optimizerOptions;
  }

  /** The names {@link #optimizerOption} accepts, sorted. */
  public static List<String> optimizerOptionNames() {
    TreeSet<String> names = new TreeSet<>();
    for (FieldDescriptor f : RewriterConfig.getDescriptor().getFields()) {
      if (isSwitch(f)) {
        names.add(f.getName());
      }
    }
    return List.copyOf(names);
  }

  /** The TensorFlow {@code ConfigProto} of these options, with the policy's rewrite switched on. */
  public ConfigProto toConfigProto() {
    RewriterConfig.Builder rewrites = RewriterConfig.newBuilder();
    optimizerOptions.forEach((name, on) -> {
      FieldDescriptor f = rewriterField(name);
      rewrites.setField(f, f.getType() == FieldDescriptor.Type.BOOL ? on
          : (on ? RewriterConfig.Toggle.ON : RewriterConfig.Toggle.OFF).getValueDescriptor());
    });
    Policy p = policy();
    if (p == Policy.MIXED_BFLOAT16) {
      rewrites.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
    } else if (p == Policy.MIXED_FLOAT16) {
      rewrites.setAutoMixedPrecision(RewriterConfig.Toggle.ON);
    }
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads)
        .setUsePerSessionThreads(interOpThreads > 0)
        .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites))
        .build();
  }

  /**
   * The {@code ConfigProto} for a session about to be created (by a model, a loaded SavedModel):
   * the first one sizes TensorFlow's process-wide intra-op pool; a later one that asks for another
   * size fails, since TensorFlow would silently keep the first.
   */
  public ConfigProto configForNewSession() {
    synchronized (SessionOptions.class) {
      int wanted = intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
      if (processIntraOpThreads == 0) {
        processIntraOpThreads = wanted;
      } else if (intraOpThreads > 0 && intraOpThreads != processIntraOpThreads) {
        throw new IllegalStateException("intraOpParallelismThreads " + intraOpThreads
            + " cannot apply: TensorFlow keeps one intra-op pool per process, sized "
            + processIntraOpThreads + " by the first session; set it before any model runs");
      }
    }
    return toConfigProto();
  }

  private static FieldDescriptor rewriterField(String name) {
    FieldDescriptor f = RewriterConfig.getDescriptor().findFieldByName(name);
    if (f == null || !isSwitch(f)) {
      throw new IllegalArgumentException("unknown Grappler optimizer option '" + name
          + "'; allowed: " + String.join(", ", optimizerOptionNames()));
    }
    return f;
  }

  /** An on/off field of {@code RewriterConfig}: a {@code Toggle} or a boolean. */
  private static boolean isSwitch(FieldDescriptor f) {
    return !f.isRepeated() && (f.getType() == FieldDescriptor.Type.BOOL
        || (f.getType() == FieldDescriptor.Type.ENUM
            && f.getEnumType().equals(RewriterConfig.Toggle.getDescriptor())));
  }

  private static int positive(String name, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(name + " must be a positive number of threads (1, 2,"
          + " ...), got " + threads);
    }
    return threads;
  }

  @Override
  public String toString() {
    return "SessionOptions(intraOpThreads=" + (intraOpThreads == 0 ? "auto" : intraOpThreads)
        + ", interOpThreads=" + (interOpThreads == 0 ? "auto" : interOpThreads) + ", policy="
        + policy().name() + ", optimizerOptions=" + optimizerOptions + ")";
  }
}
