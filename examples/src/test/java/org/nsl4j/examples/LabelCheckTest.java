package org.nsl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.ImageArrayFiles.Split;
import org.nsl4j.examples.tutorial.BaseModel;
import org.nsl4j.examples.tutorial.HParams;
import org.nsl4j.keras.models.Model;
import org.nsl4j.savedmodel.ModelExporter;

/** A label outside the model's classes is refused before any work, naming value and index. */
class LabelCheckTest {

  @TempDir Path tmp;

  @Test
  void evaluateSavedModelNamesTheFirstLabelOutsideTheClasses() throws IOException {
    Path model = tmp.resolve("model");
    try (Model cnn = BaseModel.build(new HParams())) {
      ModelExporter.export(cnn, model);
    }
    long[] labels = {0, 1, 2, 200, 3, -1, 4, 5};
    Path data = ImageArrayFiles.npz(tmp.resolve("digits.npz"), new Split("x_test", "y_test",
        ImageArrayFiles.randomPixels(1, labels.length, 28, 28, 1), labels,
        new long[] {28, 28, 1}));
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("evaluate-savedmodel", "--model", model.toString(), "--data",
        data.toString(), "--out", out.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertEquals("error: the test labels hold 200 at index 3, outside [0, 10): the model has 10"
        + " classes (its output)", run.err().strip());
    assertFalse(Files.exists(out), "nothing written");
  }
}
