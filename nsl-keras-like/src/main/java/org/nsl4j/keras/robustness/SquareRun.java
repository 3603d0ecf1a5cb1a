package org.nsl4j.keras.robustness;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nsl4j.keras.data.FeatureArray;

/**
 * One run of the Square attack on a batch: the query loop over the examples not fooled yet, each
 * example drawing from its own random stream.
 */
final class SquareRun {

  /** The image geometry of one input row, stored height, width, channels (HWC). */
  record Image(int height, int width, int channels) {}

  private final Classifier classifier;
  private final Batch b;
  private final Tracker tracker;
  private final int[] index;
  private final Image image;
  private final int maxIter;
  private final float pInit;
  private final SplittableRandom[] random;
  private final int n;
  private final int k;
  private final int rowSize;
  private final float[] x;
  private final float[] scores;
  private final float[] margin;

  SquareRun(Classifier classifier, Batch b, Tracker tracker, int[] index, Image image,
      int maxIter, float pInit, SplittableRandom[] random) {
    this.classifier = classifier;
    this.b = b;
    this.tracker = tracker;
    this.index = index;
    this.image = image;
    this.maxIter = maxIter;
    this.pInit = pInit;
    this.random = random;
    this.n = b.size();
    this.k = classifier.numClasses();
    this.rowSize = b.width();
    this.x = new float[n * rowSize];
    this.scores = new float[n * k];
    this.margin = new float[n];
  }

  void run() {
    stripes();
    accept(allExamples(), x, logits(x, n));
    for (int i = 1; i < maxIter; i++) {
      int[] active = active();
      if (active.length == 0) {
        return;
      }
      float share = SquareAttack.windowShare(pInit, i, maxIter);
      int side = (int) Math.round(Math.sqrt(share * image.height() * image.width()));
      side = Math.max(1, Math.min(side, Math.min(image.height(), image.width()) - 1));
      float[] candidates = new float[active.length * rowSize];
      for (int a = 0; a < active.length; a++) {
        System.arraycopy(x, active[a] * rowSize, candidates, a * rowSize, rowSize);
        window(candidates, a, active[a], side);
      }
      accept(active, candidates, logits(candidates, active.length));
    }
  }

  /** The start: each column and channel of each example at ±ε from the input, clipped. */
  private void stripes() {
    ClipValues box = classifier.clipValues();
    for (int j = 0; j < n; j++) {
      for (int col = 0; col < image.width(); col++) {
        for (int ch = 0; ch < image.channels(); ch++) {
          float delta = random[j].nextBoolean() ? b.eps()[j] : -b.eps()[j];
          for (int row = 0; row < image.height(); row++) {
            int at = j * rowSize + offset(row, col, ch);
            x[at] = box.clip(b.x()[at] + delta);
          }
        }
      }
    }
  }

  /**
   * Sets a random {@code side × side} window of candidate {@code a} (example {@code j}) to ±ε per
   * channel from the input, drawing again (a few times) while that changes nothing.
   */
  private void window(float[] candidates, int a, int j, int side) {
    ClipValues box = classifier.clipValues();
    int top = random[j].nextInt(image.height() - side + 1);
    int left = random[j].nextInt(image.width() - side + 1);
    for (int attempt = 0; attempt < 10; attempt++) {
      boolean changed = false;
      for (int ch = 0; ch < image.channels(); ch++) {
        float delta = random[j].nextBoolean() ? b.eps()[j] : -b.eps()[j];
        for (int row = top; row < top + side; row++) {
          for (int col = left; col < left + side; col++) {
            int at = offset(row, col, ch);
            float v = box.clip(b.x()[j * rowSize + at] + delta);
            changed |= Math.abs(v - x[j * rowSize + at]) > 1e-7f;
            candidates[a * rowSize + at] = v;
          }
        }
      }
      if (changed) {
        return;
      }
    }
  }

  /** Keeps each candidate that lowers its example's margin, then shows the iterates. */
  private void accept(int[] examples, float[] candidates, float[] candidateScores) {
    for (int a = 0; a < examples.length; a++) {
      int j = examples[a];
      float m = margin(candidateScores, a, b.labels()[j]);
      if (candidates == x || m < margin[j]) {
        margin[j] = m;
        if (candidates != x) {
          System.arraycopy(candidates, a * rowSize, x, j * rowSize, rowSize);
        }
        System.arraycopy(candidateScores, a * k, scores, j * k, k);
      }
    }
    tracker.update(x, scores, index);
  }

  /** The true class's score minus the best other score; negative once fooled. */
  private float margin(float[] s, int row, long label) {
    float other = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      if (c != label) {
        other = Math.max(other, s[row * k + c]);
      }
    }
    return s[row * k + (int) label] - other;
  }

  private int[] active() {
    int count = 0;
    for (int j = 0; j < n; j++) {
      count += tracker.fooled(index[j]) ? 0 : 1;
    }
    int[] active = new int[count];
    for (int j = 0, a = 0; j < n; j++) {
      if (!tracker.fooled(index[j])) {
        active[a++] = j;
      }
    }
    return active;
  }

  private int[] allExamples() {
    int[] all = new int[n];
    for (int j = 0; j < n; j++) {
      all[j] = j;
    }
    return all;
  }

  /** The scores of {@code count} rows, run padded to their {@link RowBuckets bucket}. */
  private float[] logits(float[] rows, int count) {
    int m = RowBuckets.of(count);
    float[] scores = classifier.logits(FeatureArray.ofFloats(RowBuckets.pad(rows, count,
        rowSize, m), m, rowSize)).floats();
    return m == count ? scores : Arrays.copyOf(scores, count * classifier.numClasses());
  }

  private int offset(int row, int col, int ch) {
    return (row * image.width() + col) * image.channels() + ch;
  }
}
