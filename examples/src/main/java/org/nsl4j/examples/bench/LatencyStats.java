package org.nsl4j.examples.bench;

import java.util.Arrays;

/**
 * Calls timed during a window: throughput in examples per second and latency percentiles.
 *
 * @param calls the number of calls
 * @param examplesPerSecond examples (rows) processed per second of wall time
 * @param p50Ms the median latency of one call, ms
 * @param p99Ms the 99th-percentile latency, ms
 */
record LatencyStats(int calls, double examplesPerSecond, double p50Ms, double p99Ms) {

  /** The stats of calls of {@code batch} rows each taking {@code nanos}, in {@code wallNanos}. */
  static LatencyStats of(long[] nanos, int batch, long wallNanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new LatencyStats(sorted.length, sorted.length * (double) batch * 1e9 / wallNanos,
        percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
