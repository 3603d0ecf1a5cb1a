package org.nsl4j.savedmodel;

import java.util.Map;

/**
 * What a weight file gave the rebuilt model: {@code used} arrays, one per layer weight, and the
 * training state saved beside them that was skipped (group → number of arrays, e.g. {@code
 * optimizer} → 14).
 */
public record WeightReport(int used, Map<String, Integer> skipped) {

  public WeightReport {
    skipped = Map.copyOf(skipped);
  }
}
