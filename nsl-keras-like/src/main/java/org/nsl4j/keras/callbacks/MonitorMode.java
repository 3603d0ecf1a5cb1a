package org.nsl4j.keras.callbacks;

import java.util.Locale;

/**
 * Whether a monitored metric improves when it falls ({@code MIN}) or rises ({@code MAX}); {@code
 * AUTO} infers it from the name as Keras does (accuracies and AUCs rise, the rest fall).
 */
public enum MonitorMode {
  AUTO, MIN, MAX;

  /** {@code MIN} or {@code MAX} for metric {@code monitor}. */
  MonitorMode resolve(String monitor) {
    if (this != AUTO) {
      return this;
    }
    String m = monitor.toLowerCase(Locale.ROOT);
    return m.contains("acc") || m.endsWith("auc") ? MAX : MIN;
  }
}
