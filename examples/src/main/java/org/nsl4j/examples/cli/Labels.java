package org.nsl4j.examples.cli;

import org.nsl4j.keras.datasets.MnistData;

/** Checks class-id labels against the number of classes before any work. */
public final class Labels {

  private Labels() {}

  /** Both splits of {@code data} against {@code --num-classes}. */
  public static void check(MnistData data, int numClasses) {
    String classes = numClasses + " classes (--num-classes " + numClasses + ")";
    check("training", data.train().get(MnistData.LABEL).longs(), numClasses, classes);
    check("test", data.test().get(MnistData.LABEL).longs(), numClasses, classes);
  }

  /**
   * Fails on the first label of {@code split} outside {@code [0, numClasses)}, naming its value
   * and index; {@code classes} says where the number of classes comes from, e.g. {@code "10
   * classes (--num-classes 10)"}.
   */
  public static void check(String split, long[] labels, long numClasses, String classes) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("the " + split + " labels hold " + labels[i]
            + " at index " + i + ", outside [0, " + numClasses + "): the model has " + classes);
      }
    }
  }
}
