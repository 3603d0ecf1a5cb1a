package org.nsl4j.keras.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.training.FitOptions;

class ModelCheckpointTest {

  @TempDir Path tmp;

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void everyEpochGetsItsFileNamedByEpochAndMetrics() throws IOException {
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      String path = tmp.resolve("w-{epoch:02d}-{loss:.1f}").toString();
      model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(2).verbose(0).callback(
          SmallModels.scripted("loss", 0.71, 0.44), new ModelCheckpoint(path)));
      assertEquals(List.of("w-01-0.7.data-00000-of-00001", "w-01-0.7.index",
          "w-02-0.4.data-00000-of-00001", "w-02-0.4.index"), files(tmp));
    }
    IllegalArgumentException spec = assertThrows(IllegalArgumentException.class,
        () -> new ModelCheckpoint("w-{epoch:>5}"));
    assertTrue(spec.getMessage().contains(">5"), spec.getMessage());
  }

  @Test
  void saveBestOnlyKeepsTheBestEpochsWeights() throws IOException {
    Path best = tmp.resolve("best");
    List<List<FeatureArray>> afterEpoch = new ArrayList<>();
    try (Sequential model = SmallModels.mlp()) {
      model.compile("sgd", "sparse_categorical_crossentropy");
      model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(4).verbose(0).callback(
          SmallModels.scripted("val_acc", 0.5, 0.8, 0.7, 0.6),
          SmallModels.atEpochEnd((e, logs) -> afterEpoch.add(model.getWeights())),
          new ModelCheckpoint(best.toString()).monitor("val_acc").saveBestOnly(true)
              .saveWeightsOnly(true)));
    }
    try (Sequential restored = SmallModels.mlp()) {
      restored.loadWeights(best);
      List<float[]> expected = SmallModels.values(afterEpoch.get(1));
      List<float[]> actual = SmallModels.values(restored.getWeights());
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i), actual.get(i), 0f);
      }
    }
  }

  @Test
  void itNeverOverwritesFilesItDidNotWrite() throws IOException {
    Path prefix = tmp.resolve("ckpt");
    Files.writeString(Path.of(prefix + ".index"), "not ours");
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(1).verbose(0)
              .callback(new ModelCheckpoint(prefix.toString()))));
      assertTrue(e.getMessage().contains("ckpt.index"), e.getMessage());
      assertEquals("not ours", Files.readString(Path.of(prefix + ".index")));

      // its own file it replaces each epoch; a checkpoint holds the optimizer state too
      Path own = tmp.resolve("own");
      model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(2).verbose(0)
          .callback(new ModelCheckpoint(own.toString())));
      try (Sequential other = SmallModels.mlp()) {
        other.compile("adam", "sparse_categorical_crossentropy");
        other.loadCheckpoint(own);
        assertArrayEquals(model.getWeights().get(0).floats(), other.getWeights().get(0).floats(),
            0f);
      }
    }
  }
}
