package org.nsl4j.keras.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress line: {@code 1875/1875 [==============================] - 13s 7ms/step -
 * loss: 0.1412 - acc: 0.9553}. On a terminal it is redrawn in place; otherwise only the final
 * line of each pass is printed.
 */
public final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private final long target;
  private final boolean interactive;
  private final long start = System.nanoTime();
  private long lastDraw;

  /** A bar for {@code target} steps; {@code interactive} redraws in place. */
  public ProgressBar(PrintStream out, long target, boolean interactive) {
    this.out = out;
    this.target = target;
    this.interactive = interactive;
  }

  /** A bar that redraws in place when standard output is a terminal. */
  public static ProgressBar forStdout(long target) {
    return new ProgressBar(System.out, target, System.console() != null);
  }

  /** Shows progress after {@code step} steps (redrawn on a terminal, at most 10 times a second). */
  public void update(long step, Map<String, Double> values) {
    long now = System.nanoTime();
    if (!interactive || now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double perStep = (now - start) / 1e9 / Math.max(step, 1);
    String eta = " - ETA: " + formatDuration(perStep * Math.max(target - step, 0));
    out.print("\r" + bar(step) + eta + formatValues(values));
    out.flush();
  }

  /** Prints the final line of a pass of {@code steps} steps. */
  public void finish(long steps, Map<String, Double> values) {
    double seconds = (System.nanoTime() - start) / 1e9;
    String line = bar(steps) + " - " + Math.round(seconds) + "s "
        + formatPerStep(seconds / Math.max(steps, 1)) + formatValues(values);
    out.println((interactive ? "\r" : "") + line);
    out.flush();
  }

  private String bar(long step) {
    String count = target > 0 ? Long.toString(target) : "?";
    String current = String.format(Locale.ROOT, "%" + count.length() + "d", step);
    StringBuilder sb = new StringBuilder(current).append('/').append(count).append(" [");
    int filled = target > 0 ? (int) Math.min(WIDTH, WIDTH * step / target) : WIDTH;
    for (int i = 0; i < WIDTH; i++) {
      if (i < filled - 1 || (i == filled - 1 && step >= target)) {
        sb.append('=');
      } else if (i == filled - 1 || (filled == 0 && i == 0 && step < target)) {
        sb.append('>');
      } else {
        sb.append('.');
      }
    }
    return sb.append(']').toString();
  }

  /** {@code " - loss: 0.1412 - acc: 0.9553"}. */
  public static String formatValues(Map<String, Double> values) {
    StringBuilder sb = new StringBuilder();
    values.forEach(
        (k, v) -> sb.append(" - ").append(k).append(": ")
            .append(String.format(Locale.ROOT, "%.4f", v)));
    return sb.toString();
  }

  private static String formatPerStep(double seconds) {
    return seconds >= 1
        ? String.format(Locale.ROOT, "%ds/step", Math.round(seconds))
        : seconds >= 1e-3
            ? String.format(Locale.ROOT, "%dms/step", Math.round(seconds * 1e3))
            : String.format(Locale.ROOT, "%dus/step", Math.round(seconds * 1e6));
  }

  private static String formatDuration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60) : s + "s";
  }
}
