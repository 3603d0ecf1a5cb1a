package org.nsl4j.keras.callbacks;

import java.util.Map;

/** Hooks into {@code fit}, as Keras callbacks. */
public interface Callback {

  /** Called after each epoch with its metrics ({@code epoch} counts from 0). */
  void onEpochEnd(int epoch, Map<String, Double> logs);
}
