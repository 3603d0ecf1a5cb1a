package org.nsl4j.keras.models;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Layer;
import org.tensorflow.ndarray.Shape;

/** Keras's {@code model.summary()} table. */
final class Summary {

  private static final int SHAPE_WIDTH = 26;
  private static final int PARAM_WIDTH = 10;
  private static final int CONNECTED_WIDTH = 30;

  private Summary() {}

  static String of(Model model) {
    FunctionalGraph graph = model.functionalGraph();
    boolean connected = graph != null && !graph.isChain();
    Map<Layer, List<String>> inbound = connected ? graph.inboundNames() : Map.of();
    List<String[]> rows = new ArrayList<>();
    if (graph != null) {
      for (InputLayer in : model.inputLayers()) {
        rows.add(new String[] {in.name() + " (InputLayer)",
            "[" + format(in.batchShape()) + "]", "0", "[]"});
      }
    }
    for (Layer l : model.layers()) {
      rows.add(new String[] {l.name() + " (" + l.className() + ")", format(l.outputShape()),
          group(l.countParams()), inbound.getOrDefault(l, List.of()).toString()});
    }
    int nameWidth = 29;
    for (String[] r : rows) {
      nameWidth = Math.max(nameWidth, r[0].length() + 1);
    }
    int width = nameWidth + SHAPE_WIDTH + PARAM_WIDTH + (connected ? CONNECTED_WIDTH : 0);
    String thin = "_".repeat(width) + "\n";
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(model.name()).append("\"\n").append(thin);
    sb.append(row(nameWidth, connected, "Layer (type)", "Output Shape", "Param #", "Connected to"));
    sb.append("=".repeat(width)).append('\n');
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      sb.append(row(nameWidth, connected, r[0], r[1], r[2], r[3]));
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

  private static String row(int nameWidth, boolean connected, String name, String shape,
      String params, String inbound) {
    String line = pad(name, nameWidth) + pad(shape, SHAPE_WIDTH) + pad(params, PARAM_WIDTH);
    return (connected ? line + inbound : line) + "\n";
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
