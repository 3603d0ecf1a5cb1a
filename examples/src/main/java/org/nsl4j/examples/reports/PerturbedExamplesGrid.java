package org.nsl4j.examples.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.nsl4j.keras.data.FeatureArray;

/**
 * The tutorial's figure of one perturbed batch: the images in {@value #COLUMNS} columns, each
 * scaled up ×{@value #SCALE} (nearest neighbour; grayscale, or colour for three channels) under
 * a title {@code true: 7, base: 3, adv: 7} giving the label and each named prediction.
 */
public final class PerturbedExamplesGrid {

  /** The picture's file name in a command's output directory. */
  public static final String FILE_NAME = "perturbed_examples.png";

  static final int COLUMNS = 4;
  static final int SCALE = 4;
  static final int CELL_WIDTH = 200;
  static final int TITLE_HEIGHT = 22;
  static final int HEADER_HEIGHT = 34;
  static final int MARGIN = 12;

  private PerturbedExamplesGrid() {}

  /** Width and height of the grid of {@code n} images of {@code rows × cols} pixels. */
  public static int[] size(int n, int rows, int cols) {
    int gridRows = (n + COLUMNS - 1) / COLUMNS;
    int width = Math.max(COLUMNS * CELL_WIDTH, cols * SCALE + 2 * MARGIN);
    return new int[] {width, HEADER_HEIGHT + gridRows * cellHeight(rows)};
  }

  /**
   * Draws the batch.
   *
   * @param title the line above the grid
   * @param images {@code [n, rows, cols, channels]} pixels in [0, 1] (one or three channels)
   * @param labels the true classes
   * @param predictions name → predicted classes, in title order (e.g. {@code base}, {@code adv})
   */
  static BufferedImage draw(String title, FeatureArray images, long[] labels,
      Map<String, long[]> predictions) {
    long[] shape = images.shape();
    int n = images.rows();
    int rows = (int) shape[1];
    int cols = (int) shape[2];
    int channels = shape.length > 3 ? (int) shape[3] : 1;
    int[] size = size(n, rows, cols);
    BufferedImage out = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size[0], size[1]);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      drawCentered(g, title, size[0] / 2, HEADER_HEIGHT - 12);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      float[] pixels = images.floats();
      int cellWidth = size[0] / COLUMNS;
      for (int i = 0; i < n; i++) {
        int x0 = (i % COLUMNS) * cellWidth;
        int y0 = HEADER_HEIGHT + (i / COLUMNS) * cellHeight(rows);
        g.setColor(Color.BLACK);
        drawCentered(g, caption(i, labels, predictions), x0 + cellWidth / 2,
            y0 + TITLE_HEIGHT - 6);
        int left = x0 + (cellWidth - cols * SCALE) / 2;
        drawImage(out, pixels, i * rows * cols * channels, new int[] {rows, cols, channels}, left,
            y0 + TITLE_HEIGHT);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Draws the batch and writes it as a PNG. */
  public static void write(Path file, String title, FeatureArray images, long[] labels,
      Map<String, long[]> predictions) throws IOException {
    PngFiles.write(draw(title, images, labels, predictions), file);
  }

  /** {@code true: 7, base: 3, adv: 7} for image {@code i}. */
  static String caption(int i, long[] labels, Map<String, long[]> predictions) {
    StringBuilder s = new StringBuilder("true: ").append(labels[i]);
    predictions.forEach((name, classes) -> s.append(", ").append(name).append(": ")
        .append(classes[i]));
    return s.toString();
  }

  private static int cellHeight(int rows) {
    return TITLE_HEIGHT + rows * SCALE + MARGIN;
  }

  /** One image of {@code shape} (rows, cols, channels): RGB for 3 channels, else the first. */
  private static void drawImage(BufferedImage out, float[] pixels, int offset, int[] shape,
      int left, int top) {
    int rows = shape[0];
    int cols = shape[1];
    int channels = shape[2];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int at = offset + (r * cols + c) * channels;
        int rgb = 0;
        for (int k = 0; k < 3; k++) {
          rgb = (rgb << 8) | byteOf(pixels[at + (channels == 3 ? k : 0)]);
        }
        for (int dy = 0; dy < SCALE; dy++) {
          for (int dx = 0; dx < SCALE; dx++) {
            out.setRGB(left + c * SCALE + dx, top + r * SCALE + dy, rgb);
          }
        }
      }
    }
  }

  private static int byteOf(float pixel) {
    return Math.round(Math.min(1f, Math.max(0f, pixel)) * 255);
  }

  private static void drawCentered(Graphics2D g, String text, int centerX, int baseline) {
    FontMetrics fm = g.getFontMetrics();
    g.drawString(text, centerX - fm.stringWidth(text) / 2, baseline);
  }
}
