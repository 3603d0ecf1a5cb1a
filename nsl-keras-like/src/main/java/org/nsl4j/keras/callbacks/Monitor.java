package org.nsl4j.keras.callbacks;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A monitored metric and what counts as its improvement, for the callbacks that watch one. */
final class Monitor {

  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

  private final String name;
  private final MonitorMode mode;
  private final double minDelta;

  /** {@code name} improving by more than {@code minDelta} (≥ 0) in {@code mode}. */
  Monitor(String name, MonitorMode mode, double minDelta) {
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta);
    }
    this.name = name;
    this.mode = mode.resolve(name);
    this.minDelta = minDelta;
  }

  String name() {
    return name;
  }

  /** The worst value, that anything improves on. */
  double worst() {
    return mode == MonitorMode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** Whether {@code current} is better than {@code reference} by more than minDelta. */
  boolean improves(double current, double reference) {
    return mode == MonitorMode.MIN
        ? current + minDelta < reference : current - minDelta > reference;
  }

  /** The metric in {@code logs}, or null (with a warning naming what is there) when absent. */
  Double valueIn(Map<String, Double> logs, String who) {
    Double v = logs.get(name);
    if (v == null) {
      LOG.warn("{}: metric '{}' is not in the logs (they have {}); skipping", who, name,
          logs.keySet());
    }
    return v;
  }
}
