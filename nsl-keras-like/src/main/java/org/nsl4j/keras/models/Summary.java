package org.nsl4j.keras.models;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nsl4j.keras.layers.Layer;
import org.tensorflow.ndarray.Shape;

/** Keras's {@code model.summary()} table. */
final class Summary {

  private static final int SHAPE_WIDTH = 26;
  private static final int PARAM_WIDTH = 10;

  private Summary() {}

  static String of(Model model) {
    List<String[]> rows = new ArrayList<>();
    if (model.isFunctional()) {
      Shape in = Shape.of(model.inputLayer().shape()).prepend(-1);
      rows.add(new String[] {
          model.inputLayer().name() + " (InputLayer)", "[" + format(in) + "]", "0"});
    }
    for (Layer l : model.layers()) {
      rows.add(new String[] {
          l.name() + " (" + l.className() + ")", format(l.outputShape()), group(l.countParams())});
    }
    int nameWidth = 29;
    for (String[] r : rows) {
      nameWidth = Math.max(nameWidth, r[0].length() + 1);
    }
    int width = nameWidth + SHAPE_WIDTH + PARAM_WIDTH - 1 + 1;
    String thin = "_".repeat(width) + "\n";
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(model.name()).append("\"\n").append(thin);
    sb.append(row(nameWidth, "Layer (type)", "Output Shape", "Param #"));
    sb.append("=".repeat(width)).append('\n');
    for (int i = 0; i < rows.size(); i++) {
      sb.append(row(nameWidth, rows.get(i)[0], rows.get(i)[1], rows.get(i)[2]));
      sb.append(i < rows.size() - 1 ? thin : "=".repeat(width) + "\n");
    }
    long total = model.countParams();
    long trainable = model.trainableWeights().stream().mapToLong(w -> w.size()).sum();
    sb.append("Total params: ").append(group(total)).append('\n');
    sb.append("Trainable params: ").append(group(trainable)).append('\n');
    sb.append("Non-trainable params: ").append(group(total - trainable)).append('\n');
    sb.append(thin);
    return sb.toString();
  }

  private static String row(int nameWidth, String name, String shape, String params) {
    return pad(name, nameWidth) + pad(shape, SHAPE_WIDTH) + pad(params, PARAM_WIDTH) + "\n";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  /** {@code (None, 26, 26, 32)}. */
  static String format(Shape shape) {
    if (shape == null || shape.isUnknown()) {
      return "?";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.numDimensions(); i++) {
      long d = shape.size(i);
      sb.append(i > 0 ? ", " : "").append(d < 0 ? "None" : Long.toString(d));
    }
    return sb.append(shape.numDimensions() == 1 ? ",)" : ")").toString();
  }

  private static String group(long n) {
    return NumberFormat.getIntegerInstance(Locale.US).format(n);
  }
}
