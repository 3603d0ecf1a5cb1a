package org.nsl4j.keras.callbacks;

import java.util.Map;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.models.Model;

/**
 * Sets the adversarial multiplier of an {@link AdversarialRegularization} at the start of every
 * epoch from a schedule, as Keras's {@code LearningRateScheduler} sets the learning rate, and
 * logs it as {@code adversarial_multiplier}. The multiplier is a graph variable, so the change
 * needs no new graph. {@link #startAfter} is what NSL users ask for: plain training for the
 * first epochs, adversarial regularization after them.
 *
 * <pre>{@code
 * AdversarialRegularization adv = new AdversarialRegularization(base, advConfig);
 * adv.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * // epochs 1-2 without the adversarial term, then the config's multiplier
 * adv.fit(train, FitOptions.epochs(5).callback(AdversarialMultiplierScheduler.startAfter(2)));
 * }</pre>
 */
public final class AdversarialMultiplierScheduler implements Callback {

  /** The multiplier of an epoch. */
  @FunctionalInterface
  public interface Schedule {
    /**
     * @param epoch the epoch about to start, from 0
     * @param configured the multiplier of the model's {@code AdvRegConfig}
     */
    float multiplier(int epoch, float configured);
  }

  private final Schedule schedule;
  private AdversarialRegularization model;

  /** A scheduler following {@code schedule}. */
  public AdversarialMultiplierScheduler(Schedule schedule) {
    this.schedule = schedule;
  }

  /** Multiplier 0 for the first {@code epochs} epochs, then the config's. */
  public static AdversarialMultiplierScheduler startAfter(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    return new AdversarialMultiplierScheduler((epoch, m) -> epoch < epochs ? 0f : m);
  }

  @Override
  public void setModel(Model model) {
    if (!(model instanceof AdversarialRegularization adv)) {
      throw new IllegalArgumentException("AdversarialMultiplierScheduler schedules the multiplier"
          + " of an AdversarialRegularization, but it was given " + model.getClass().getSimpleName()
          + " '" + model.name() + "'");
    }
    this.model = adv;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    model.setMultiplier(schedule.multiplier(epoch, model.advConfig().multiplier()));
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    logs.put("adversarial_multiplier", (double) model.multiplier());
  }
}
