package org.nsl4j.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.keras.config.SessionOptions;
import org.nsl4j.keras.mixedprecision.Policy;
import org.nsl4j.keras.models.Model;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command runs TensorFlow: the precision policy, thread counts, and the batch size of the
 * passes that take no gradient step (evaluation, prediction, attacks), which run faster in larger
 * batches than training.
 */
public final class PerformanceOptions {

  /** The measured best batch size of inference passes on the tutorial CNN. */
  static final int DEFAULT_INFERENCE_BATCH_SIZE = 128;
  /** The policy value that picks mixed_bfloat16 where the CPU has it, else float32. */
  static final String AUTO = "auto";

  @Option(names = "--precision-policy", paramLabel = "POLICY",
      description = "auto (mixed_bfloat16 where the CPU has AVX512-BF16 or AMX, else float32),"
          + " float32, mixed_bfloat16 (compute in bfloat16, variables float32) or mixed_float16"
          + " (the GPU build) (default: ${DEFAULT-VALUE}).")
  String precisionPolicy = AUTO;

  @Option(names = "--inference-batch-size", paramLabel = "N",
      description = "Batch size of evaluation, prediction and attacks, which take no gradient"
          + " step (default: ${DEFAULT-VALUE}).")
  int inferenceBatchSize = DEFAULT_INFERENCE_BATCH_SIZE;

  @Mixin ThreadFlags threads = new ThreadFlags();

  /** Checks every value; the message names the flag and the allowed values. */
  public void validate() {
    ThreadFlags.positive("--inference-batch-size", inferenceBatchSize);
    threads.validate();
    policy();
  }

  /** The policy asked for; fails naming the flag if it is unknown or cannot run here. */
  public Policy policy() {
    if (precisionPolicy.trim().equalsIgnoreCase(AUTO)) {
      return Policy.MIXED_BFLOAT16.isSupported() ? Policy.MIXED_BFLOAT16 : Policy.FLOAT32;
    }
    try {
      return Policy.of(precisionPolicy).requireSupported();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--precision-policy must be " + AUTO + ", "
          + Policy.names() + ", got '" + precisionPolicy + "'", e);
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException("--precision-policy: " + e.getMessage(), e);
    }
  }

  /** One line for the log: the policy (and why, for auto) and the inference batch size. */
  public String describe() {
    Policy p = policy();
    String why = !precisionPolicy.trim().equalsIgnoreCase(AUTO) ? ""
        : p.isMixed() ? " (auto: this CPU computes in bfloat16; --precision-policy float32 to"
            + " compute in float32)" : " (auto: this CPU has no bfloat16 compute)";
    return "precision policy " + p.name() + why + ", inference batch size " + inferenceBatchSize;
  }

  public int inferenceBatchSize() {
    return inferenceBatchSize;
  }

  /** The session options of these flags. */
  public SessionOptions sessionOptions() {
    return threads.applyTo(SessionOptions.defaults().policy(policy()));
  }

  /** Gives each model these session options (before it first runs). */
  public void applyTo(Model... models) {
    SessionOptions options = sessionOptions();
    for (Model m : models) {
      m.sessionOptions(options);
    }
  }

  /** The values for reports. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("precision_policy", policy().name());
    m.put("precision_policy_flag", precisionPolicy);
    m.put("inference_batch_size", inferenceBatchSize);
    m.putAll(threads.toMap());
    return m;
  }
}
