package org.nsl4j.examples.reports;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nsl4j.keras.io.AtomicFiles;

/** Writes PNG images atomically: a reader never sees a half-written file. */
final class PngFiles {

  private PngFiles() {}

  static void write(BufferedImage image, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available for " + file);
      }
    });
  }
}
