package org.nsl4j.keras.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.training.FitOptions;

class CSVLoggerTest {

  @TempDir Path tmp;

  private static History fit(Sequential model, int epochs, Callback... callbacks) {
    return model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(epochs).verbose(0)
        .validationData(SmallModels.blobs(4, 4)).callback(callbacks));
  }

  @Test
  void writesAHeaderOfSortedMetricsAndOneRowPerEpoch() throws IOException {
    Path file = tmp.resolve("logs/training.csv");
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      History h = fit(model, 2, new CSVLogger(file));
      List<String> lines = Files.readAllLines(file);
      assertEquals("epoch,loss,sparse_categorical_accuracy,val_loss,"
          + "val_sparse_categorical_accuracy", lines.get(0));
      assertEquals(3, lines.size());
      for (int e = 0; e < 2; e++) {
        String[] cells = lines.get(e + 1).split(",");
        assertEquals(Integer.toString(e), cells[0]);
        assertEquals(h.get("loss").get(e), Double.parseDouble(cells[1]), 0);
        assertEquals(h.get("val_sparse_categorical_accuracy").get(e),
            Double.parseDouble(cells[4]), 0);
      }
    }
  }

  @Test
  void neverOverwritesAFileItDidNotWriteButAppendsWhenAsked() throws IOException {
    Path file = tmp.resolve("training.csv");
    Files.writeString(file, "someone else's notes\n");
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      UncheckedIOException e =
          assertThrows(UncheckedIOException.class, () -> fit(model, 1, new CSVLogger(file)));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertEquals("someone else's notes\n", Files.readString(file));

      Path own = tmp.resolve("own.csv");
      CSVLogger logger = new CSVLogger(own).separator(';');
      fit(model, 1, logger);
      fit(model, 1, logger);
      assertEquals(2, Files.readAllLines(own).size(), "its own file is rewritten");
      fit(model, 2, SmallModels.atEpochEnd((epoch, logs) -> logs.remove("val_loss")),
          new CSVLogger(own).separator(';').append(true));
      List<String> lines = Files.readAllLines(own);
      assertEquals(4, lines.size(), lines.toString());
      assertEquals("epoch;loss;val_loss", lines.get(0));
      assertTrue(lines.get(3).startsWith("1;") && lines.get(3).endsWith(";NA"), lines.get(3));
    }
  }
}
