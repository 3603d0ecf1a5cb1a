package org.nsl4j.keras.robustness;

/**
 * The adversarial examples of a batch found so far: per example the first iterate that fools the
 * classifier (untargeted: any other class; targeted: the target), else the latest iterate. An
 * example the classifier already gets wrong counts as fooled by itself.
 */
final class Tracker {

  private final Batch batch;
  private final int classes;
  private final float[] best;
  private final boolean[] fooled;
  private final float[] cleanLogits;

  /** A tracker starting from the clean rows, whose scores are {@code cleanLogits}. */
  Tracker(Batch batch, int classes, float[] cleanLogits) {
    this.batch = batch;
    this.classes = classes;
    this.best = batch.x().clone();
    this.fooled = new boolean[batch.size()];
    this.cleanLogits = cleanLogits;
    for (int j = 0; j < fooled.length; j++) {
      fooled[j] = succeeds(argmax(cleanLogits, j, classes), j);
    }
  }

  /** Records the iterate {@code x} of the examples {@code index} (null = all) with its logits. */
  void update(float[] x, float[] logits, int[] index) {
    batch.observe(x);
    int n = index == null ? batch.size() : index.length;
    int w = batch.width();
    for (int i = 0; i < n; i++) {
      int j = index == null ? i : index[i];
      if (fooled[j]) {
        continue;
      }
      System.arraycopy(x, i * w, best, j * w, w);
      fooled[j] = succeeds(argmax(logits, i, classes), j);
    }
  }

  /** A new tracker of the same examples from their clean rows, for {@code other}'s stream. */
  Tracker fresh(Batch other) {
    return new Tracker(other, classes, cleanLogits);
  }

  /** Takes example {@code j}'s row from {@code other} and its success, unless already fooled. */
  void adopt(int j, Tracker other) {
    if (!fooled[j]) {
      int w = batch.width();
      System.arraycopy(other.best, j * w, best, j * w, w);
      fooled[j] = other.fooled[j];
    }
  }

  /** Whether predicting {@code predicted} for example {@code j} is the attack's success. */
  boolean succeeds(long predicted, int j) {
    return batch.targets() == null ? predicted != batch.labels()[j]
        : predicted == batch.targets()[j];
  }

  /** The indices of the examples not fooled yet. */
  int[] remaining() {
    int count = 0;
    for (boolean f : fooled) {
      count += f ? 0 : 1;
    }
    int[] index = new int[count];
    for (int j = 0, k = 0; j < fooled.length; j++) {
      if (!fooled[j]) {
        index[k++] = j;
      }
    }
    return index;
  }

  boolean fooled(int j) {
    return fooled[j];
  }

  /** The adversarial rows, one per example. */
  float[] best() {
    return best;
  }

  /** The class with the largest score in row {@code i} of {@code k} scores per row. */
  static int argmax(float[] scores, int i, int k) {
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (scores[i * k + c] > scores[i * k + best]) {
        best = c;
      }
    }
    return best;
  }
}
