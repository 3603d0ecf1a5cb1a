package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.testing.SharedFixtures;

/** Missing or damaged SavedModel files give errors naming the file, not TensorFlow traces. */
class DamagedSavedModelTest {

  @TempDir Path tmp;

  /** A private copy of a fixture that a test may damage. */
  private Path copy(String fixture) throws IOException {
    Path source = SharedFixtures.savedModel(fixture);
    Path target = tmp.resolve(fixture);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.toList()) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return target;
  }

  private static void truncate(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
  }

  private static String loadError(Path dir) {
    SavedModelException e = assertThrows(SavedModelException.class, () -> {
      try (LoadedModel m = LoadedModel.load(dir)) {
        m.predict(Shared.digits(2));
      }
    });
    String message = e.getMessage();
    assertTrue(!message.contains("\n"), message);
    return message;
  }

  @Test
  void missingDirectory() {
    Path dir = tmp.resolve("nowhere");
    assertTrue(loadError(dir).equals("no SavedModel at " + dir + ": the directory does not exist"));
  }

  @Test
  void missingSavedModelPb() throws IOException {
    Path dir = copy("mnist_cnn_tf2_11");
    Files.delete(dir.resolve("saved_model.pb"));
    String message = loadError(dir);
    assertTrue(message.startsWith(dir.resolve("saved_model.pb") + " not found"), message);
  }

  @Test
  void truncatedSavedModelPb() throws IOException {
    Path dir = copy("mnist_cnn_tf2_11");
    truncate(dir.resolve("saved_model.pb"));
    String message = loadError(dir);
    assertTrue(message.startsWith(dir.resolve("saved_model.pb") + " is corrupt"), message);
  }

  @Test
  void garbageSavedModelPb() throws IOException {
    Path dir = copy("mnist_cnn_tf2_11");
    Files.writeString(dir.resolve("saved_model.pb"), "this is not a protocol buffer\n");
    String message = loadError(dir);
    assertTrue(message.startsWith(dir.resolve("saved_model.pb") + " is corrupt"), message);
  }

  @Test
  void missingVariablesIndex() throws IOException {
    Path dir = copy("mnist_cnn_tf2_11");
    Path index = dir.resolve("variables/variables.index");
    Files.delete(index);
    String message = loadError(dir);
    assertTrue(message.startsWith(index + " not found: the graph has"), message);
  }

  @Test
  void missingVariablesData() throws IOException {
    Path dir = copy("mnist_cnn_tf2_0_logits");
    Files.delete(dir.resolve("variables/variables.data-00000-of-00001"));
    String message = loadError(dir);
    assertTrue(message.startsWith("no variables.data-*-of-* file in " + dir.resolve("variables")),
        message);
  }

  @Test
  void truncatedVariablesData() throws IOException {
    Path dir = copy("mnist_cnn_tf2_0_logits");
    truncate(dir.resolve("variables/variables.data-00000-of-00001"));
    String message = loadError(dir);
    assertTrue(message.startsWith("cannot restore the variables of " + dir), message);
  }

  @Test
  void corruptVariablesIndex() throws IOException {
    Path dir = copy("half_plus_two_tf1_14");
    Files.writeString(dir.resolve("variables/variables.index"), "garbage");
    String message = loadError(dir);
    assertTrue(message.startsWith("cannot restore the variables of " + dir), message);
  }

  @Test
  void corruptKerasMetadataNamesTheFile() throws IOException {
    Path dir = copy("mnist_cnn_tf2_11");
    Path metadata = dir.resolve("keras_metadata.pb");
    truncate(metadata);
    SavedModelException e = assertThrows(SavedModelException.class,
        () -> KerasModelLoader.load(dir).close());
    assertTrue(e.getMessage().startsWith(metadata + " is corrupt"), e.getMessage());
  }

  @Test
  void notAnHdf5File() throws IOException {
    Path file = Files.writeString(tmp.resolve("model.h5"), "not hdf5");
    SavedModelException e = assertThrows(SavedModelException.class,
        () -> KerasModelLoader.load(file).close());
    assertTrue(e.getMessage().startsWith(file + " is neither a .keras (zip) archive nor an HDF5"
        + " file (it starts with bytes 6e 6f 74"), e.getMessage());
    Path missing = tmp.resolve("missing.h5");
    SavedModelException m = assertThrows(SavedModelException.class,
        () -> KerasModelLoader.load(missing).close());
    assertTrue(m.getMessage().startsWith("no model at " + missing + ": expected a SavedModel"),
        m.getMessage());
  }
}
