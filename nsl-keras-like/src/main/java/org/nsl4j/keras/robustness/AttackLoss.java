package org.nsl4j.keras.robustness;

import java.util.Locale;

/** The per-example loss a gradient attack ascends. */
public enum AttackLoss {
  /** Cross-entropy of the logits (targeted: minus the cross-entropy of the target class). */
  CE,
  /**
   * The difference of logits ratio of Croce and Hein (2020), {@code -(z_y - max_{i≠y} z_i) /
   * (z_π1 - z_π3)} (targeted: {@code -(z_y - z_t) / (z_π1 - (z_π3 + z_π4) / 2)}), invariant to
   * shifts and scalings of the logits; needs at least 3 classes (4 targeted).
   */
  DLR;

  /** Lower-case name, as in reports: {@code ce}, {@code dlr}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
