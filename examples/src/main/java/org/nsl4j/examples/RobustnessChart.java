package org.nsl4j.examples;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the robustness curve: accuracy against ε, one line per model and attack. */
final class RobustnessChart {

  /** Image width in pixels. */
  static final int WIDTH = 800;
  /** Image height in pixels. */
  static final int HEIGHT = 500;

  private static final List<Color> MODEL_COLORS =
      List.of(new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C));

  private RobustnessChart() {}

  /** The chart of {@code points}, with attack labels from {@code curve}. */
  static XYChart chart(RobustnessCurve.Points points, RobustnessCurve curve) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT,
            "Accuracy under white-box L\u221E attacks on each model (%,d test digits)",
            points.examples()))
        .xAxisTitle("\u03B5 (L\u221E perturbation size)")
        .yAxisTitle("test accuracy")
        .build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.InsideSW);
    styler.setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.0")
        .setXAxisDecimalPattern("0.00");
    int m = 0;
    for (Map.Entry<String, Map<LinfAttack.Kind, TreeMap<Double, Double>>> model
        : points.accuracy().entrySet()) {
      Color color = MODEL_COLORS.get(m++ % MODEL_COLORS.size());
      for (Map.Entry<LinfAttack.Kind, TreeMap<Double, Double>> attack
          : model.getValue().entrySet()) {
        TreeMap<Double, Double> xy = attack.getValue();
        XYSeries s = chart.addSeries(model.getKey() + " " + curve.label(attack.getKey()),
            xy.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
            xy.values().stream().mapToDouble(Double::doubleValue).toArray());
        boolean fgsm = attack.getKey() == LinfAttack.Kind.FGSM;
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(fgsm ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
        s.setLineStyle(fgsm ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
      }
    }
    return chart;
  }

  /** Writes the chart as a PNG of {@value #WIDTH}×{@value #HEIGHT}. */
  static void write(RobustnessCurve.Points points, RobustnessCurve curve, Path file)
      throws IOException {
    BufferedImage image = BitmapEncoder.getBufferedImage(chart(points, curve));
    PngFiles.write(image, file);
  }
}
