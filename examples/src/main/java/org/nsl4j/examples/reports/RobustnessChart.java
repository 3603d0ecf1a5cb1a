package org.nsl4j.examples.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nsl4j.keras.robustness.RobustnessCurve;

/** Draws the robustness curves: accuracy against ε, one line per model and attack. */
public final class RobustnessChart {

  /** Image width in pixels. */
  public static final int WIDTH = 800;
  /** Image height in pixels. */
  public static final int HEIGHT = 500;

  private static final List<Color> MODEL_COLORS =
      List.of(new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C));
  private static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE,
      SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP);
  private static final List<BasicStroke> LINES = List.of(SeriesLines.SOLID,
      SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT);

  private RobustnessChart() {}

  /** The chart of each model's curves (model name → curves). */
  static XYChart chart(Map<String, RobustnessCurve> curves) {
    int examples = curves.values().iterator().next().examples();
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT,
            "Accuracy under white-box L\u221E attacks on each model (%,d test digits)", examples))
        .xAxisTitle("\u03B5 (L\u221E perturbation size)")
        .yAxisTitle("test accuracy")
        .build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.InsideSW);
    styler.setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.0")
        .setXAxisDecimalPattern("0.00");
    int m = 0;
    for (Map.Entry<String, RobustnessCurve> model : curves.entrySet()) {
      Color color = MODEL_COLORS.get(m++ % MODEL_COLORS.size());
      int a = 0;
      for (Map.Entry<String, double[]> attack : model.getValue().accuracy().entrySet()) {
        XYSeries s = chart.addSeries(model.getKey() + " " + attack.getKey(),
            model.getValue().eps(), attack.getValue());
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(MARKERS.get(a % MARKERS.size()));
        s.setLineStyle(LINES.get(a % LINES.size()));
        a++;
      }
    }
    return chart;
  }

  /** Writes the chart as a PNG of {@value #WIDTH}×{@value #HEIGHT}. */
  public static void write(Map<String, RobustnessCurve> curves, Path file) throws IOException {
    BufferedImage image = BitmapEncoder.getBufferedImage(chart(curves));
    PngFiles.write(image, file);
  }
}
