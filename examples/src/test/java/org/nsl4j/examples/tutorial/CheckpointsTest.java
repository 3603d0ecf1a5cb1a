package org.nsl4j.examples.tutorial;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.examples.reports.Reports;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.training.FitOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


class CheckpointsTest {

  @TempDir Path tmp;

  private static ObjectNode settings(float stepSize) {
    ObjectNode s = Reports.json().createObjectNode();
    s.putObject("hparams").put("adv_step_size", stepSize).put("seed", 42);
    s.putObject("data").put("train_size", 100);
    return s;
  }

  /** Two epochs of a tiny model backed up as the tutorial's {@code base} phase. */
  private static void trainTwoEpochs(Checkpoints checkpoints) {
    try (Sequential model = new Sequential(new InputLayer("x", 3), new Dense(2))) {
      model.compile("adam", "sparse_categorical_crossentropy");
      Dataset data = Dataset.fromTensorSlices(FeatureArray.ofFloats(new float[12], 4, 3),
          FeatureArray.ofLongs(new long[] {0, 1, 0, 1}, 4)).batch(2);
      model.fit(data, FitOptions.epochs(2).verbose(0).callback(checkpoints.backup("base")));
    }
  }

  @Test
  void stateRoundTripsAndResumeChecksSettingsAndEpochs() throws IOException {
    Checkpoints checkpoints = new Checkpoints(tmp.resolve("checkpoints"), false, false);
    assertTrue(checkpoints.readState().isEmpty());
    TrainingState state = new TrainingState(settings(0.2f));
    state.phase("base").stepsPerEpoch = 10;
    state.phase("base").epochSeconds.put(0, 1.5);
    checkpoints.writeState(state);
    TrainingState read = checkpoints.readState().orElseThrow();
    assertEquals(1.5, read.phase("base").trainSeconds(1), 0);
    assertEquals(150.0, read.phase("base").msPerStep(1), 1e-9);
    assertEquals(null, read.phase("adv").msPerStep(1));
    read.checkResumable(settings(0.2f), 1, Map.of("base", 1), checkpoints.dir());
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> read.checkResumable(settings(0.1f), 1, Map.of("base", 1), checkpoints.dir()));
    assertTrue(other.getMessage().contains("adv_step_size 0.2 there, 0.1 now"),
        other.getMessage());
    IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class,
        () -> read.checkResumable(settings(0.2f), 0, Map.of("base", 1), checkpoints.dir()));
    assertTrue(fewer.getMessage().contains("base model has 1 epochs done"), fewer.getMessage());
  }

  @Test
  void staleTemporaryFilesGoButNothingElse() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("checkpoints"));
    Files.writeString(dir.resolve("state.json.tmp"), "");
    Files.writeString(dir.resolve("state.json4711.tmp"), "");
    Files.writeString(dir.resolve("mine.txt"), "keep me");
    Checkpoints checkpoints = new Checkpoints(dir, false, false);
    assertEquals(List.of("state.json.tmp", "state.json4711.tmp"),
        checkpoints.removeStaleFiles().stream().sorted().toList());
    assertEquals("keep me", Files.readString(dir.resolve("mine.txt")));
  }

  @Test
  void clearRemovesOnlyCheckpointFiles() throws IOException {
    Checkpoints checkpoints = new Checkpoints(tmp.resolve("checkpoints"), false, false);
    trainTwoEpochs(checkpoints);
    checkpoints.writeState(new TrainingState(settings(0.2f)));
    assertEquals(2, checkpoints.epochsDone("base"));
    Files.writeString(checkpoints.dir().resolve("notes.txt"), "mine");
    Files.writeString(checkpoints.dir().resolve("base/keep.txt"), "mine too");
    checkpoints.clear();
    assertTrue(checkpoints.readState().isEmpty());
    assertEquals("mine", Files.readString(checkpoints.dir().resolve("notes.txt")));
    assertEquals("mine too", Files.readString(checkpoints.dir().resolve("base/keep.txt")));
    assertFalse(Files.exists(checkpoints.dir().resolve("base/epoch-2")));
    // base/ now holds only someone else's file: it is no longer a backup to write into
    IOException foreign =
        assertThrows(IOException.class, () -> checkpoints.epochsDone("base"));
    assertTrue(foreign.getMessage().contains("keep.txt"), foreign.getMessage());
  }

  @Test
  void aDamagedLatestCheckpointNamesTheIntactOneAndTheFlag() throws IOException {
    Checkpoints checkpoints = new Checkpoints(tmp.resolve("checkpoints"), false, false);
    trainTwoEpochs(checkpoints);
    Path data = checkpoints.dir().resolve("base/epoch-2/checkpoint.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 1;
    Files.write(data, bytes);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> checkpoints.epochsDone("base"));
    assertTrue(e.getMessage().contains("after epoch 2) is damaged")
        && e.getMessage().contains("checkpoint.data-00000-of-00001 does not match its checksum")
        && e.getMessage().contains("last intact one is after epoch 1")
        && e.getMessage().contains("--resume-from-intact"), e.getMessage());
    assertEquals(1, new Checkpoints(checkpoints.dir(), true, false).epochsDone("base"));
  }
}
