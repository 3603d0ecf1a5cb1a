package org.nsl4j.keras.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.core.configs.AdvConfigs;
import org.nsl4j.keras.adversarial.AdversarialRegularization;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.optimizers.Adam;
import org.nsl4j.keras.losses.Losses;
import org.nsl4j.keras.training.FitOptions;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class BackupAndRestoreTest {

  @TempDir Path tmp;

  /** An adversarially regularized MLP with Adam, whose steps depend on every bit. */
  private static AdversarialRegularization adversarial(Model base) {
    AdversarialRegularization adv = new AdversarialRegularization(base, List.of("label"), null,
        AdvConfigs.makeAdvRegConfig().multiplier(0.2f).advStepSize(0.1f)
            .advGradNorm("infinity").build());
    adv.compile(new Adam(0.01f), Losses.sparseCategoricalCrossentropy(true), "accuracy");
    return adv;
  }

  /** A fresh pipeline over the same 64 points, reshuffled on every pass. */
  private static Dataset train() {
    return Dataset.fromTensorSlices(SmallModels.blobFeatures(64)).shuffle(64, 5).batch(16);
  }

  /** A crash at the end of {@code epoch}, after the backup callbacks listed before it. */
  private static Callback crashAfter(int epoch) {
    return SmallModels.atEpochEnd((e, logs) -> {
      if (e == epoch) {
        throw new IllegalStateException("simulated crash after epoch " + (e + 1));
      }
    });
  }

  /** Name → value of every weight and every optimizer slot of {@code model}'s graph. */
  private static Map<String, float[]> state(Model model) {
    Map<String, float[]> all = new LinkedHashMap<>();
    for (Weight w : model.weights()) {
      all.put(w.name(), fetch(model.session(), w.variable()));
    }
    for (Variable<TFloat32> v : model.backend().trainingState()) {
      all.put(v.op().name(), fetch(model.session(), v));
    }
    return all;
  }

  private static float[] fetch(Session session, Variable<TFloat32> v) {
    try (Result r = session.runner().fetch(v).run()) {
      return FeatureArray.fromTensor(r.get(0)).floats();
    }
  }

  private static void assertBitwiseEqual(
      Map<String, float[]> expected, Map<String, float[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, values) -> {
      float[] other = actual.get(name);
      assertEquals(values.length, other.length, name);
      for (int i = 0; i < values.length; i++) {
        assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(other[i]),
            name + "[" + i + "]: " + values[i] + " vs " + other[i]);
      }
    });
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOneOnEveryWeightSlotAndMetric() throws IOException {
    Map<String, float[]> uninterrupted;
    History expected;
    try (Sequential base = SmallModels.mlp()) {
      AdversarialRegularization adv = adversarial(base);
      expected = adv.fit(train(), FitOptions.epochs(4).verbose(0));
      uninterrupted = state(adv);
    }
    assertTrue(uninterrupted.keySet().stream().anyMatch(k -> k.endsWith("/m")),
        "the optimizer's slots are compared: " + uninterrupted.keySet());
    Path dir = tmp.resolve("backup");
    try (Sequential base = SmallModels.mlp()) {
      AdversarialRegularization adv = adversarial(base);
      IllegalStateException crash = assertThrows(IllegalStateException.class, () -> adv.fit(
          train(), FitOptions.epochs(4).verbose(0)
              .callback(new BackupAndRestore(dir), crashAfter(1))));
      assertTrue(crash.getMessage().contains("simulated"), crash.getMessage());
    }
    assertEquals(OptionalInt.of(2), new BackupAndRestore(dir).epochsDone());
    try (Sequential base = SmallModels.mlp()) {
      AdversarialRegularization adv = adversarial(base);
      History resumed = adv.fit(train(), FitOptions.epochs(4).verbose(0)
          .callback(new BackupAndRestore(dir)));
      assertEquals(List.of(0, 1, 2, 3), resumed.epochs());
      assertEquals(expected.history(), resumed.history());
      assertBitwiseEqual(uninterrupted, state(adv));
    }
    assertFalse(Files.exists(dir), "a successful fit removes the backup it created");
  }

  /** A model whose checkpoint writes break off after the files of epoch {@code failAt}. */
  private static final class BreakingModel extends Sequential {
    private final int failAt;
    private int saves;

    BreakingModel(int failAt) {
      super(new InputLayer("x", 2), new Dense(8, "relu"), new Dense(2));
      this.failAt = failAt;
    }

    @Override
    public void saveCheckpoint(Path prefix) throws IOException {
      super.saveCheckpoint(prefix);
      if (++saves == failAt) {
        Files.writeString(Path.of(prefix + ".data-00000-of-00001.tempstate42"), "partial");
        throw new IOException("disk gone");
      }
    }
  }

  @Test
  void whatAnInterruptedBackupLeftIsRemovedAndNothingElse() throws IOException {
    Path dir = tmp.resolve("backup");
    try (BreakingModel model = new BreakingModel(2)) {
      model.compile("adam", "sparse_categorical_crossentropy");
      assertThrows(UncheckedIOException.class, () -> model.fit(SmallModels.blobs(8, 4),
          FitOptions.epochs(3).verbose(0).callback(new BackupAndRestore(dir))));
    }
    assertTrue(Files.exists(dir.resolve("epoch-2.partial/checkpoint.index")));
    Files.writeString(dir.resolve("backup.json.tmp"), "{\"form");
    Files.writeString(dir.resolve("notes.txt"), "mine");
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      BackupAndRestore backup = new BackupAndRestore(dir).deleteCheckpoint(false);
      History h = model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(3).verbose(0)
          .callback(backup));
      assertEquals(List.of(0, 1, 2), h.epochs());
      assertEquals(OptionalInt.of(3), backup.epochsDone());
    }
    assertFalse(Files.exists(dir.resolve("epoch-2.partial")));
    assertFalse(Files.exists(dir.resolve("backup.json.tmp")));
    assertFalse(Files.exists(dir.resolve("epoch-1")), "only the last 2 backups are kept");
    assertTrue(Files.exists(dir.resolve("epoch-3/checkpoint.index")));
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    new BackupAndRestore(dir).delete();
    assertEquals(List.of(dir.resolve("notes.txt")), Files.list(dir).toList(),
        "delete removes its own files only");
  }

  @Test
  void aDamagedLatestBackupNamesTheLastIntactOneAndCanContinueFromIt() throws IOException {
    Path dir = tmp.resolve("backup");
    History first;
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      first = model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(2).verbose(0)
          .callback(new BackupAndRestore(dir).deleteCheckpoint(false)));
    }
    Path data = dir.resolve("epoch-2/checkpoint.data-00000-of-00001");
    Files.write(data, new byte[] {1, 2, 3});
    DamagedBackupException damaged = assertThrows(DamagedBackupException.class,
        () -> new BackupAndRestore(dir).epochsDone());
    assertEquals(2, damaged.damagedEpochs());
    assertEquals(OptionalInt.of(1), damaged.lastIntactEpochs());
    assertTrue(damaged.getMessage().contains("last intact backup is after epoch 1")
        && damaged.getMessage().contains("fallBackToIntact"), damaged.getMessage());
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> model.fit(
          SmallModels.blobs(8, 4), FitOptions.epochs(3).verbose(0)
              .callback(new BackupAndRestore(dir))));
      assertInstanceOf(DamagedBackupException.class, e.getCause());
      BackupAndRestore fallBack = new BackupAndRestore(dir).fallBackToIntact(true);
      assertEquals(OptionalInt.of(1), fallBack.epochsDone());
      History h = model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(3).verbose(0)
          .callback(fallBack));
      assertEquals(List.of(0, 1, 2), h.epochs());
      assertEquals(first.get("loss").get(0), h.get("loss").get(0), 0);
    }
  }

  @Test
  void aDirectoryWithSomeoneElsesFilesIsRefusedUntouched() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("taken"));
    Files.writeString(dir.resolve("mine.txt"), "mine");
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> model.fit(
          SmallModels.blobs(8, 4), FitOptions.epochs(1).verbose(0)
              .callback(new BackupAndRestore(dir))));
      assertTrue(e.getMessage().contains("mine.txt") && e.getMessage().contains(dir.toString()),
          e.getMessage());
    }
    assertEquals(List.of(dir.resolve("mine.txt")), Files.list(dir).toList());
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(1).verbose(0)
          .callback(new BackupAndRestore(empty)));
    }
    assertTrue(Files.isDirectory(empty) && Files.list(empty).findAny().isEmpty(),
        "a directory it did not create stays, emptied of its files");
  }

  @Test
  void aDivergedEpochIsNotBackedUpAndTheBackupStays() throws IOException {
    Path dir = tmp.resolve("backup");
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      model.fit(SmallModels.blobs(8, 4), FitOptions.epochs(2).verbose(0).callback(
          SmallModels.scripted("loss", 0.5, Double.NaN), new BackupAndRestore(dir)));
    }
    assertEquals(OptionalInt.of(1), new BackupAndRestore(dir).epochsDone());
  }
}
