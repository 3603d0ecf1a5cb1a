package org.nsl4j.keras.robustness;

import java.util.Arrays;

/**
 * One run of Auto-PGD on a batch: the iterations, each example's step size, best point and loss,
 * and the checkpoint rule of Croce and Hein (2020).
 */
final class AutoPgdRun {

  private final Batch b;
  private final LossGraph lossGraph;
  private final StepGraph steps;
  private final Tracker tracker;
  private final int[] index;
  private final int maxIter;
  private final float rho;
  private final int n;
  private final int w;
  private final float[] stepSize;
  private final float[] lossBest;
  private float[] xBest;
  private float[] gradBest;
  /** The loss after each iteration, per example; row 0 is the start. */
  private final float[][] history;

  AutoPgdRun(Batch b, LossGraph lossGraph, StepGraph steps, Tracker tracker, int[] index,
      int maxIter, float rho) {
    this.b = b;
    this.lossGraph = lossGraph;
    this.steps = steps;
    this.tracker = tracker;
    this.index = index;
    this.maxIter = maxIter;
    this.rho = rho;
    this.n = b.size();
    this.w = b.width();
    this.stepSize = new float[n];
    for (int j = 0; j < n; j++) {
      stepSize[j] = 2 * b.eps()[j];
    }
    this.lossBest = new float[n];
    this.history = new float[maxIter + 1][];
  }

  void run(float[] start) {
    float[] x = start;
    LossGraph.Values v = evaluate(x);
    System.arraycopy(v.loss(), 0, lossBest, 0, n);
    history[0] = v.loss();
    xBest = x.clone();
    gradBest = v.gradient().clone();
    float[] grad = v.gradient();
    float[] previous = x;
    int period = Math.max((int) (0.22 * maxIter), 1);
    int minPeriod = Math.max((int) (0.06 * maxIter), 1);
    int decrease = Math.max((int) (0.03 * maxIter), 1);
    int sinceCheck = 0;
    float[] lossBestAtCheck = lossBest.clone();
    boolean[] reducedAtCheck = new boolean[n];
    Arrays.fill(reducedAtCheck, true);
    for (int i = 0; i < maxIter; i++) {
      float[] next = steps.momentum(b, x, previous, grad, stepSize,
          i == 0 ? 1f : AutoProjectedGradientDescent.MOMENTUM);
      previous = x;
      x = next;
      v = evaluate(x);
      grad = v.gradient();
      history[i + 1] = v.loss();
      for (int j = 0; j < n; j++) {
        if (v.loss()[j] > lossBest[j]) {
          lossBest[j] = v.loss()[j];
          System.arraycopy(x, j * w, xBest, j * w, w);
          System.arraycopy(grad, j * w, gradBest, j * w, w);
        }
      }
      if (++sinceCheck == period) {
        for (int j = 0; j < n; j++) {
          boolean halve = oscillates(j, i + 1, period)
              || (!reducedAtCheck[j] && lossBestAtCheck[j] >= lossBest[j]);
          reducedAtCheck[j] = halve;
          lossBestAtCheck[j] = lossBest[j];
          if (halve) {
            stepSize[j] /= 2;
            System.arraycopy(xBest, j * w, x, j * w, w);
            System.arraycopy(gradBest, j * w, grad, j * w, w);
          }
        }
        sinceCheck = 0;
        period = Math.max(period - decrease, minPeriod);
      }
    }
  }

  /** Whether at most {@code rho·k} of the last {@code k} steps up to {@code t} raised the loss. */
  private boolean oscillates(int j, int t, int k) {
    int raised = 0;
    for (int c = 0; c < k && t - c - 1 >= 0; c++) {
      raised += history[t - c][j] > history[t - c - 1][j] ? 1 : 0;
    }
    return raised <= k * rho;
  }

  private LossGraph.Values evaluate(float[] x) {
    LossGraph.Values v = lossGraph.run(x, n, b.labels(), b.targets());
    tracker.update(x, v.logits(), index);
    return v;
  }
}
