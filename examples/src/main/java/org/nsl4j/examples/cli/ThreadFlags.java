package org.nsl4j.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nsl4j.keras.config.SessionOptions;
import picocli.CommandLine.Option;

/** TensorFlow's thread counts as flags: intra-op (one op split over threads) and inter-op. */
public final class ThreadFlags {

  @Option(names = "--intra-op-threads", paramLabel = "N",
      description = "Threads one TensorFlow op is split over, for the whole process (default: one"
          + " per core).")
  Integer intraOpThreads;

  @Option(names = "--inter-op-threads", paramLabel = "N",
      description = "Threads running independent ops at once, per session (default:"
          + " TensorFlow's shared pool, one per core).")
  Integer interOpThreads;

  /** Checks the counts; the message names the flag and the allowed values. */
  public void validate() {
    positive("--intra-op-threads", intraOpThreads);
    positive("--inter-op-threads", interOpThreads);
  }

  /** {@code options} with the thread counts given. */
  public SessionOptions applyTo(SessionOptions options) {
    SessionOptions o = options;
    if (intraOpThreads != null) {
      o = o.intraOpParallelismThreads(intraOpThreads);
    }
    if (interOpThreads != null) {
      o = o.interOpParallelismThreads(interOpThreads);
    }
    return o;
  }

  /** The values for reports ({@code null} = TensorFlow's default). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("intra_op_threads", intraOpThreads);
    m.put("inter_op_threads", interOpThreads);
    return m;
  }

  static void positive(String flag, Integer value) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException(
          flag + " must be a positive whole number (1, 2, ...), got " + value);
    }
  }
}
