package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.models.Model;

/** Bad model files get one clear error naming the file, the layer and what was expected. */
class KerasBadInputTest {

  @TempDir Path dir;

  private String message(Path file) {
    return message(KerasFormatsTest.LOADER, file);
  }

  private static String message(KerasModelLoader loader, Path file) {
    SavedModelException e = assertThrows(SavedModelException.class, () -> loader.loadModel(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    return e.getMessage();
  }

  private Path archive(String name, String config, Path weights) {
    return KerasFiles.archive(dir.resolve(name), config, "3.5.0", weights);
  }

  private Path sequentialWeights(String name, float[][] second) {
    return KerasFiles.h5(dir.resolve(name), h5 -> {
      KerasFiles.put(h5, "layers/dense/vars/0", KerasFormatsTest.matrix(1, 0, 0, 1));
      if (second != null) {
        KerasFiles.put(h5, "layers/dense_1/vars/0", second);
        KerasFiles.put(h5, "layers/dense_1/vars/1", new float[] {0, 0});
      }
    });
  }

  @Test
  void archivesWithoutConfigOrWeights() {
    Path noConfig = KerasFiles.zip(dir.resolve("a.keras"), Map.of("model.weights.h5",
        new byte[] {1}));
    assertTrue(message(noConfig).contains("has no config.json"), message(noConfig));
    Path noWeights = archive("b.keras", KerasFormatsTest.sequential(true), null);
    assertTrue(message(noWeights).contains("has no model.weights.h5"), message(noWeights));
  }

  @Test
  void filesThatAreNoModel() throws Exception {
    Path text = Files.writeString(dir.resolve("m.keras"), "{\"class_name\": \"Sequential\"}");
    assertTrue(message(text).contains("is neither a .keras (zip) archive nor an HDF5 file"
        + " (it starts with bytes 7b 22"), message(text));
    Path weightsOnly = KerasFiles.h5(dir.resolve("w.h5"), h5 ->
        KerasFiles.put(h5, "dense/kernel:0", new float[] {1}));
    SavedModelException e = assertThrows(InferenceOnlyException.class,
        () -> KerasModelLoader.load(weightsOnly));
    assertTrue(e.getMessage().contains(weightsOnly + " has no model_config attribute"),
        e.getMessage());
    Path broken = Files.write(dir.resolve("broken.keras"), "PK\3\4garbage".getBytes(
        StandardCharsets.ISO_8859_1));
    assertTrue(message(broken).contains("is not a readable zip archive"), message(broken));
  }

  @Test
  void configReferencingAMissingLayer() {
    String config = KerasGraphTest.functional("m", KerasGraphTest.input("x", 2) + ", "
        + KerasGraphTest.dense("d", KerasGraphTest.k2(KerasGraphTest.call2("ghost", "0", "0"))),
        "[['x', 0, 0]]", "[['d', 0, 0]]").replace('\'', '"');
    String m = message(archive("ghost.keras", config, sequentialWeights("g.h5", null)));
    assertTrue(m.contains("it refers to layer 'ghost', which is not among its layers"), m);
  }

  @Test
  void weightsOfTheWrongShapeMissingOrLeftOver() {
    String config = KerasFormatsTest.sequential(true);
    String shape = message(archive("shape.keras", config,
        sequentialWeights("s.h5", new float[][] {{1, 2, 3}, {4, 5, 6}})));
    assertTrue(shape.contains("layers/dense_1/vars/0 in ") && shape.contains("has shape [2, 3],"
        + " but weight 'd2/kernel' of the rebuilt model expects [2, 2]"), shape);
    String missing = message(archive("missing.keras", config, sequentialWeights("m.h5", null)));
    assertTrue(missing.contains("Dense layer 'd2' has 2 weights [d2/kernel, d2/bias], but")
        && missing.contains("holds 0 arrays at layers/dense_1/vars (no such group"), missing);
    Path extra = KerasFiles.h5(dir.resolve("e.h5"), h5 -> {
      KerasFiles.put(h5, "layers/dense/vars/0", KerasFormatsTest.matrix(1, 0, 0, 1));
      KerasFiles.put(h5, "layers/dense_1/vars/0", KerasFormatsTest.matrix(1, 0, 0, 1));
      KerasFiles.put(h5, "layers/dense_1/vars/1", new float[] {0, 0});
      KerasFiles.put(h5, "layers/dense_2/vars/0", new float[] {0, 0});
    });
    String leftover = message(archive("extra.keras", config, extra));
    assertTrue(leftover.contains("holds layer weights that no layer of the rebuilt model takes:"
        + " [layers/dense_2/vars/0]"), leftover);
  }

  /** A legacy HDF5 file of the two-Dense Sequential model; no group for d2 without {@code d2}. */
  private Path legacyH5(String name, float[][] d1, float[][] d2) {
    return KerasFiles.h5(dir.resolve(name), h5 -> {
      h5.putAttribute("model_config", KerasFormatsTest.sequential(false));
      h5.putAttribute("keras_version", "2.15.0");
      KerasFiles.group(h5, "model_weights").putAttribute("layer_names",
          new String[] {"d1", "d2"});
      KerasFiles.group(h5, "model_weights/d1").putAttribute("weight_names",
          new String[] {"d1/kernel:0"});
      KerasFiles.put(h5, "model_weights/d1/d1/kernel:0", d1);
      if (d2 != null) {
        KerasFiles.group(h5, "model_weights/d2").putAttribute("weight_names",
            new String[] {"d2/kernel:0"});
        KerasFiles.put(h5, "model_weights/d2/d2/kernel:0", d2);
      }
    });
  }

  @Test
  void legacyH5WeightsOfTheWrongShapeOrMissing() {
    float[][] identity = KerasFormatsTest.matrix(1, 0, 0, 1);
    try (Model model = KerasFormatsTest.LOADER.loadModel(legacyH5("ok.h5", identity,
        identity))) {
      assertEquals(2, model.layers().size(), "the well-formed file loads");
    }
    String shape = message(legacyH5("shape.h5", new float[][] {{1, 2, 3}, {4, 5, 6}},
        identity));
    assertTrue(shape.contains("model_weights/d1/d1/kernel:0 in ") && shape.contains("has shape"
        + " [2, 3], but weight 'd1/kernel' of the rebuilt model expects [2, 2]"), shape);
    String missing = message(legacyH5("missing.h5", identity, null));
    assertTrue(missing.contains("Dense layer 'd2' has 1 weights [d2/kernel], but ")
        && missing.contains("lists 0 for it [] (no group model_weights/d2)"), missing);
  }

  private static String customConfig(String className, String module) {
    return ("{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
        + "{'class_name': 'InputLayer', 'config': {'name': 'x', 'batch_shape': [null, 2]}},"
        + "{'module': '" + module + "', 'class_name': '" + className + "', 'config': {'name':"
        + " 'c'}}, {'class_name': 'Dense', 'config': {'name': 'd', 'units': 2}}]}}")
        .replace('\'', '"');
  }

  @Test
  void unknownCustomAndLambdaLayers() {
    Path weights = sequentialWeights("u.h5", null);
    UnknownLayerException custom = assertThrows(UnknownLayerException.class, () ->
        KerasModelLoader.load(archive("custom.keras", customConfig("Twice", "my.layers"),
            weights)));
    assertTrue(custom.custom() && custom.className().equals("Twice"));
    assertTrue(custom.getMessage().contains("custom.keras (config.json): layer 'c' has class"
        + " Twice (module my.layers), which has no factory"), custom.getMessage());
    UnknownLayerException builtIn = assertThrows(UnknownLayerException.class, () ->
        KerasModelLoader.load(archive("lstm.keras", customConfig("LSTM", "keras.layers"),
            weights)));
    assertTrue(!builtIn.custom() && builtIn.getMessage().contains("supported classes are"));
    String lambda = message(KerasModelLoader.builder().build(), archive("lambda.keras",
        customConfig("Lambda", "keras.layers"), weights));
    assertTrue(lambda.contains("is a Lambda layer: its Python code cannot be rebuilt")
        && lambda.contains("register a factory with KerasModelLoader.builder().customLayer("),
        lambda);
  }

  @Test
  void nothingPartlyLoadedStaysOpen() {
    List<Layer> made = new ArrayList<>();
    KerasModelLoader loader = KerasModelLoader.builder().customLayer("Twice", c -> {
      Layer l = new TestLayers.Unary(c.name(), "Twice", (tf, x) -> tf.math.add(x, x));
      made.add(l);
      return l;
    }).build();
    Path bad = archive("half.keras", customConfig("Twice", "my.layers"),
        sequentialWeights("h.h5", null));
    String m = message(loader, bad);
    assertTrue(m.contains("Dense layer 'd' has 2 weights"), m);
    assertEquals(1, made.size());
    assertThrows(IllegalStateException.class, () -> made.get(0).backend().graph().operations(),
        "the rebuilt model's graph must be closed after the failure");
  }
}
