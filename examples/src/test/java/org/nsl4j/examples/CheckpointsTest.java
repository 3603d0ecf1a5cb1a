package org.nsl4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Sequential;

class CheckpointsTest {

  @TempDir Path tmp;

  private static ObjectNode settings(float stepSize) {
    ObjectNode s = Reports.json().createObjectNode();
    s.putObject("hparams").put("adv_step_size", stepSize).put("seed", 42);
    s.putObject("data").put("train_size", 100);
    return s;
  }

  @Test
  void savedEpochsRestoreWeightsAndStateWithoutLeftovers() throws IOException {
    Checkpoints checkpoints = new Checkpoints(tmp.resolve("checkpoints"));
    assertTrue(checkpoints.readState().isEmpty());
    TrainingState state = new TrainingState(settings(0.2f));
    try (Sequential model = new Sequential(new InputLayer("x", 3), new Dense(2))) {
      List<FeatureArray> saved = model.layers().get(0).getWeights();
      Files.createDirectories(tmp.resolve("checkpoints/base/epoch-1.partial"));
      state.phase("base").record(Map.of("loss", 0.5), 1.5, 10);
      checkpoints.save("base", 1, model, state);
      assertFalse(Files.exists(tmp.resolve("checkpoints/base/epoch-1.partial")),
          "a stale partial checkpoint is replaced");
      assertTrue(Files.exists(checkpoints.weights("base", 1).resolveSibling("weights.index")));

      model.layers().get(0).setWeights(saved.stream()
          .map(w -> FeatureArray.ofFloats(new float[w.floats().length], w.shape())).toList());
      checkpoints.load("base", 1, model);
      for (int i = 0; i < saved.size(); i++) {
        assertArrayEquals(saved.get(i).floats(), model.layers().get(0).getWeights().get(i).floats());
      }
    }
    TrainingState read = checkpoints.readState().orElseThrow();
    assertEquals(1, read.phase("base").epochsDone);
    assertEquals(List.of(0.5), read.phase("base").history.get("loss"));
    assertEquals(10, read.phase("base").steps);
    assertEquals(150.0, read.phase("base").msPerStep(), 1e-9);
    assertEquals(0, read.phase("adv").epochsDone);
    read.checkResumable(settings(0.2f), 1, checkpoints.dir());

    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> read.checkResumable(settings(0.1f), 1, checkpoints.dir()));
    assertTrue(other.getMessage().contains("adv_step_size 0.2 there, 0.1 now"),
        other.getMessage());
    IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class,
        () -> read.checkResumable(settings(0.2f), 0, checkpoints.dir()));
    assertTrue(fewer.getMessage().contains("base model has 1 epochs done"), fewer.getMessage());

    checkpoints.clear();
    assertFalse(Files.exists(checkpoints.dir()));
  }

  @Test
  void unreadableStateNamesTheFile() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("checkpoints"));
    Files.writeString(dir.resolve("state.json"), "{ not json");
    IOException e = assertThrows(IOException.class, () -> new Checkpoints(dir).readState());
    assertTrue(e.getMessage().contains(dir.resolve("state.json").toString()), e.getMessage());
  }
}
