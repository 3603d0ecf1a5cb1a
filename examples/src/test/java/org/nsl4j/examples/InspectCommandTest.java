package org.nsl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.savedmodel.LayerConfig;
import org.nsl4j.savedmodel.LayerFactory;

/** {@code inspect} on real model files, through the command line. */
class InspectCommandTest {

  @TempDir Path tmp;

  private static Path keras(String name) {
    return SharedFixtures.keras(name);
  }

  private static JsonNode json(String... args) throws Exception {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exitCode(), run.err());
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void keras3ArchiveIsDescribedAndRebuilt() throws Exception {
    JsonNode r = json("inspect", "--model", keras("mnist_cnn_keras3_1.keras").toString(),
        "--json");
    assertEquals("keras_archive", r.at("/format").asText());
    assertEquals("3.1.1", r.at("/keras_version").asText());
    assertEquals("[null,28,28,1]", r.at("/inputs/0/shape").toString());
    assertEquals(true, r.at("/rebuild/rebuilt").asBoolean());
    assertEquals(34_826, r.at("/rebuild/total_params").asLong());
    assertEquals(14, r.at("/rebuild/weights_skipped/optimizer").asInt());
    assertTrue(r.at("/rebuild/summary").asText().contains("Total params: 34,826"));
    assertTrue(r.at("/rebuild/max_abs_diff").isMissingNode(), "a .keras file has no signature");
  }

  @Test
  void savedModelIsComparedWithItsSignature() throws Exception {
    JsonNode r = json("inspect", "--model",
        SharedFixtures.savedModel("mnist_cnn_tf2_11").toString(), "--json", "--batch", "4");
    assertEquals("serving_default", r.at("/signature/key").asText());
    assertEquals("[null,10]", r.at("/signature/outputs/0/shape").toString());
    assertTrue(r.at("/rebuild/max_abs_diff").asDouble() <= 1e-5, r.toString());
    assertEquals(4, r.at("/rebuild/parity_batch").asInt());
  }

  @Test
  void unrebuildableModelsSayWhyAndExitZero() throws Exception {
    JsonNode custom = json("inspect", "--model",
        keras("mnist_autokeras_custom_layers_keras3_3.keras").toString(), "--json");
    assertEquals("custom-layer", custom.at("/rebuild/reason_kind").asText());
    assertTrue(custom.at("/rebuild/reason").asText().contains("CastToFloat32"));
    JsonNode exported = json("inspect", "--model",
        SharedFixtures.savedModel("mnist_cnn_tf2_19_keras3").toString(), "--json");
    assertEquals("inference-only", exported.at("/rebuild/reason_kind").asText());
    assertEquals("[null,28,28,1]", exported.at("/signature/inputs/0/shape").toString());
    CliRun text = CliRun.of("inspect", "--model", keras("mnist_resnet_keras3_11.keras").toString());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("format: Keras 3 .keras archive, Keras 3.11.3"), text.out());
    // rebuilt since Add, ReLU and GlobalAveragePooling2D exist: Keras's parameter count
    assertTrue(text.out().contains("Total params: 38,282"), text.out());
  }

  @Test
  void filesThatAreNoModelExitTwo() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.keras"), "not a model");
    CliRun run = CliRun.of("inspect", "--model", text.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("error: " + text + " is neither a .keras (zip) archive nor"
        + " an HDF5 file"), run.err());
    CliRun bad = CliRun.of("inspect", "--model", text.toString(), "--custom-layer", "Twice");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--custom-layer 'Twice': expected CLASS=FACTORY"), bad.err());
  }

  /** Rebuilds Dense layers as usual, counting its calls. */
  public static final class CountingDense implements LayerFactory {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public Layer create(LayerConfig c) {
      CALLS.incrementAndGet();
      return new Dense(c.integer("units"), c.text("activation", "linear"), c.name());
    }
  }

  @Test
  void customLayerFactoriesComeFromTheClassPath() throws Exception {
    int before = CountingDense.CALLS.get();
    JsonNode r = json("inspect", "--model", keras("mnist_cnn_keras3_1.keras").toString(),
        "--json", "--custom-layer", "Dense=" + CountingDense.class.getName());
    assertEquals(true, r.at("/rebuild/rebuilt").asBoolean());
    assertEquals(1, CountingDense.CALLS.get() - before, "the model has one Dense layer");
  }
}
