package org.nsl4j.keras.mixedprecision;

import java.util.List;
import java.util.Locale;

/**
 * Keras's {@code keras.mixed_precision.Policy}: the dtype layers compute in and the dtype their
 * variables are kept in. {@code float32} (the default) computes in float32; {@code
 * mixed_bfloat16} computes convolutions, matrix products and the element-wise ops around them in
 * bfloat16 on CPUs with AVX512-BF16 or AMX; {@code mixed_float16} computes in float16 on an NVIDIA
 * GPU (the {@code -Pgpu} build). Under both mixed policies variables, optimizer state and the loss
 * stay float32.
 *
 * <p>A mixed policy is applied by TensorFlow's auto-mixed-precision graph rewrite when the session
 * is created, which inserts the casts Keras's layers would insert. A policy this machine cannot run
 * is refused when it is set, with the reason, rather than silently running float32.
 *
 * <pre>{@code
 * Policy.setGlobalPolicy("mixed_bfloat16");   // as mixed_precision.set_global_policy(...)
 * // or for one model: model.sessionOptions(SessionOptions.defaults().policy("mixed_bfloat16"))
 * }</pre>
 */
public final class Policy {

  /** Everything in float32 (the default). */
  public static final Policy FLOAT32 = new Policy("float32", "float32");
  /** Compute in bfloat16, variables in float32: CPUs with AVX512-BF16 or AMX. */
  public static final Policy MIXED_BFLOAT16 = new Policy("mixed_bfloat16", "bfloat16");
  /** Compute in float16, variables in float32: NVIDIA GPUs (the {@code -Pgpu} build). */
  public static final Policy MIXED_FLOAT16 = new Policy("mixed_float16", "float16");

  private static final List<Policy> ALL = List.of(FLOAT32, MIXED_BFLOAT16, MIXED_FLOAT16);
  private static volatile Policy global = FLOAT32;

  private final String name;
  private final String computeDtype;

  private Policy(String name, String computeDtype) {
    this.name = name;
    this.computeDtype = computeDtype;
  }

  /**
   * The policy called {@code name}: {@code float32}, {@code mixed_bfloat16} or {@code
   * mixed_float16}; fails naming the allowed values.
   */
  public static Policy of(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(p -> p.name.equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown precision policy '" + name + "'; allowed: " + names()));
  }

  /** The allowed policy names, comma-separated. */
  public static String names() {
    return String.join(", ", ALL.stream().map(Policy::name).toList());
  }

  /**
   * Sets the policy of models whose session is created from now on without a policy of their own
   * (Keras's {@code set_global_policy}); fails if this machine cannot run it.
   */
  public static void setGlobalPolicy(String name) {
    setGlobalPolicy(of(name));
  }

  /** {@link #setGlobalPolicy(String)} with a policy object. */
  public static void setGlobalPolicy(Policy policy) {
    global = policy.requireSupported();
  }

  /** The global policy, {@code float32} unless set. */
  public static Policy globalPolicy() {
    return global;
  }

  public String name() {
    return name;
  }

  /** The dtype of the computations: {@code float32}, {@code bfloat16} or {@code float16}. */
  public String computeDtype() {
    return computeDtype;
  }

  /** The dtype of the variables: always {@code float32}. */
  public String variableDtype() {
    return "float32";
  }

  /** Whether computations run in a lower precision than the variables. */
  public boolean isMixed() {
    return this != FLOAT32;
  }

  /**
   * This policy, if this machine and TensorFlow build can run it; else an {@link
   * UnsupportedOperationException} saying what is missing.
   */
  public Policy requireSupported() {
    String missing = PrecisionSupport.current().missingFor(this);
    if (missing != null) {
      throw new UnsupportedOperationException(
          "precision policy '" + name + "' cannot run here: " + missing + "; use float32");
    }
    return this;
  }

  /** Whether this machine and TensorFlow build can run this policy. */
  public boolean isSupported() {
    return PrecisionSupport.current().missingFor(this) == null;
  }

  @Override
  public String toString() {
    return "Policy(" + name + ")";
  }
}
