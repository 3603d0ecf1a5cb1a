package org.nsl4j.keras.robustness;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nsl4j.keras.data.FeatureArray;

/**
 * An evasion attack: a small immutable configuration of plain values (serializable, so that it can
 * be shipped to workers) built by its builder. Its graphs are built in the classifier it attacks,
 * once per classifier and configuration, and run batch by batch; ε and step sizes are fed at run
 * time, so a sweep over ε reuses them.
 *
 * <p>Every attack keeps, per example, the first iterate that fools the classifier; its results lie
 * in the ε-ball around the input and in the classifier's clip box. Runs are reproducible: an
 * example's random start and Square's choices on it derive from {@link #seed()}, the example's
 * index in the data and the restart only, so that attacking the data in parts (each with the
 * indices of its examples, as a distributed job does) gives every example the same random
 * choices as attacking it whole.
 */
public abstract class Attack implements Serializable {

  private static final long serialVersionUID = 1L;

  Attack() {}

  /** The attack's name, as in reports: {@code fgsm}, {@code pgd}, {@code apgd-ce}... */
  public abstract String name();

  /** The radius of the perturbation, in input units. */
  public abstract float eps();

  /** This attack with radius {@code eps}; step sizes not set explicitly follow it. */
  public abstract Attack withEps(float eps);

  /** The parameters, with ART's and NSL's names in snake case, for reports. */
  public abstract Map<String, Object> params();

  /** Examples attacked together. */
  public abstract int batchSize();

  /** The seed of the attack's random choices. */
  public abstract long seed();

  /** Whether the attack aims at given target classes. */
  public boolean targeted() {
    return false;
  }

  /** Whether the attack needs the classifier's gradients (else only its scores). */
  public boolean needsGradients() {
    return true;
  }

  /**
   * Attacks {@code x} of true {@code labels} (untargeted).
   *
   * @throws IllegalArgumentException if the attack is targeted, if {@code x} does not fit the
   *     classifier or lies outside its clip box, if a label is not one of its classes, or if the
   *     attack needs gradients the classifier does not give
   */
  public AttackOutcome generate(Classifier classifier, FeatureArray x, long[] labels) {
    if (targeted()) {
      throw new IllegalArgumentException("attack '" + name() + "' is targeted: call"
          + " generate(classifier, x, labels, targets)");
    }
    return generate(classifier, x, labels, null, null, null);
  }

  /** Attacks {@code x} of true {@code labels} towards {@code targets} (a targeted attack). */
  public AttackOutcome generate(Classifier classifier, FeatureArray x, long[] labels,
      long[] targets) {
    if (!targeted()) {
      throw new IllegalArgumentException("attack '" + name() + "' is untargeted: build it with"
          + " targeted(true) to aim at targets");
    }
    return generate(classifier, x, labels, targets, null, null);
  }

  /**
   * Attacks {@code x}, a part of a larger data set whose examples have the indices {@code ids}
   * in it ({@code targets} null unless targeted): every example gets the random choices it gets
   * when the whole data set is attacked at once.
   */
  public AttackOutcome generate(Classifier classifier, FeatureArray x, long[] labels,
      long[] targets, long[] ids) {
    if (targeted() != (targets != null)) {
      throw new IllegalArgumentException("attack '" + name() + "' is "
          + (targeted() ? "targeted: give targets" : "untargeted: give no targets"));
    }
    if (ids.length != x.rows()) {
      throw new IllegalArgumentException(ids.length + " indices for " + x.rows() + " examples");
    }
    return generate(classifier, x, labels, targets, null, null, ids);
  }

  /**
   * The general form: {@code targets} null unless targeted, {@code eps} one radius per example
   * (null: {@link #eps()} for all), {@code observer} sees every iterate (null: none).
   */
  AttackOutcome generate(Classifier c, FeatureArray x, long[] labels, long[] targets,
      float[] eps, Consumer<float[]> observer) {
    long[] ids = new long[x.rows()];
    Arrays.setAll(ids, i -> i);
    return generate(c, x, labels, targets, eps, observer, ids);
  }

  private AttackOutcome generate(Classifier c, FeatureArray x, long[] labels, long[] targets,
      float[] eps, Consumer<float[]> observer, long[] ids) {
    Checks.inputs(c, x, labels, "labels");
    if (targets != null) {
      Checks.inputs(c, x, targets, "targets");
    }
    check(c);
    int width = c.inputSize();
    float[] all = x.floats();
    List<FeatureArray> adversarial = new ArrayList<>();
    long[] cleanPredictions = new long[x.rows()];
    long[] predictions = new long[x.rows()];
    boolean[] success = new boolean[x.rows()];
    for (int from = 0; from < x.rows(); from += batchSize()) {
      int to = Math.min(x.rows(), from + batchSize());
      float[] e = new float[to - from];
      Arrays.fill(e, eps());
      if (eps != null) {
        System.arraycopy(eps, from, e, 0, to - from);
      }
      Batch batch = new Batch(Arrays.copyOfRange(all, from * width, to * width), width,
          Arrays.copyOfRange(labels, from, to),
          targets == null ? null : Arrays.copyOfRange(targets, from, to), e,
          Arrays.copyOfRange(ids, from, to), seed(), observer);
      float[] clean = c.logits(FeatureArray.ofFloats(batch.x(), to - from, width)).floats();
      Tracker tracker = new Tracker(batch, c.numClasses(), clean);
      perturb(c, batch, tracker);
      FeatureArray rows = FeatureArray.ofFloats(tracker.best(), to - from, width);
      float[] scores = c.logits(rows).floats();
      for (int j = 0; j < to - from; j++) {
        cleanPredictions[from + j] = Tracker.argmax(clean, j, c.numClasses());
        predictions[from + j] = Tracker.argmax(scores, j, c.numClasses());
        success[from + j] = tracker.succeeds(predictions[from + j], j);
      }
      adversarial.add(rows);
    }
    FeatureArray joined = adversarial.isEmpty() ? FeatureArray.ofFloats(new float[0], x.shape())
        : FeatureArray.concat(adversarial).reshape(x.shape());
    return new AttackOutcome(joined, cleanPredictions, predictions, success);
  }

  /** Checks, before anything runs, that this attack can run on {@code c}. */
  void check(Classifier c) {
    if (needsGradients()) {
      Checks.gradients(c, name());
    }
  }

  /** One restart of an attack on the examples {@code index} of a batch, as {@code subset}. */
  @FunctionalInterface
  interface Restart {
    void run(Batch subset, int[] index, int restart);
  }

  /**
   * Runs {@code restart} {@code count} times, each on the examples of {@code batch} not fooled
   * yet (each example with a random stream per restart), stopping early once all are.
   */
  static void restarts(Batch batch, Tracker tracker, int count, Restart restart) {
    for (int r = 0; r < count; r++) {
      int[] index = tracker.remaining();
      if (index.length == 0) {
        return;
      }
      restart.run(batch.subset(index), index, r);
    }
  }

  /** Attacks one batch, recording the adversarial rows in {@code tracker}. */
  abstract void perturb(Classifier c, Batch batch, Tracker tracker);
}
