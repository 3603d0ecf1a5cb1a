package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.io.OutputDirectory;
import org.nsl4j.keras.layers.BatchNormalization;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Dropout;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.layers.Weight;
import org.nsl4j.keras.models.Input;
import org.nsl4j.keras.models.KerasTensor;
import org.nsl4j.keras.models.Model;
import org.tensorflow.proto.NodeDef;

/** A trained Keras-like model round-trips through a SavedModel with its inference graph only. */
class ModelExporterTest {

  @TempDir Path tmp;

  private static FeatureArray randomImages(int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    return FeatureArray.ofFloats(x, n, 28, 28, 1);
  }

  /** A small CNN with BatchNormalization and Dropout, trained for a few Adam steps. */
  private static Model trainedModel() {
    KerasTensor image = Input.of("image", 28, 28, 1);
    KerasTensor x = new Conv2D(4, 3, "relu").apply(image);
    x = new MaxPooling2D(2).apply(x);
    x = new BatchNormalization().apply(x);
    x = new Flatten().apply(x);
    x = new Dropout(0.25f).apply(x);
    KerasTensor probs = new Dense(10, "softmax").apply(x);
    Model model = new Model(image, probs, "small_cnn");
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    long[] labels = new long[128];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10;
    }
    model.fit(randomImages(128, 1), FeatureArray.ofLongs(labels, 128), 32, 1);
    return model;
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void roundTripGivesTheSamePredictionsFromTheInferenceGraphOnly() throws IOException {
    Path dir = tmp.resolve("exported");
    try (Model model = trainedModel()) {
      SavedModelInfo info = ModelExporter.export(model, dir);
      assertEquals(List.of("exported"), entries(tmp), "no temporary directory is left");
      assertEquals(List.of(Set.of("serve")), info.tagSets());
      SignatureInfo s = info.signatures("serve").get("serving_default");
      assertEquals("tensorflow/serving/predict", s.methodName());
      assertEquals(Set.of("image"), s.inputs().keySet());
      assertEquals("float32[-1,28,28,1]", s.input("image").describe());
      assertEquals(Set.of("dense"), s.outputs().keySet());
      assertEquals("float32[-1,10]", s.output("dense").describe());

      long params = model.countParams();
      long dataBytes = Files.size(dir.resolve("variables/variables.data-00000-of-00001"));
      assertEquals(params * 4, dataBytes, 64, "variables data ≈ parameters × 4 bytes");

      List<NodeDef> nodes = info.metaGraph("serve").getGraphDef().getNodeList();
      Set<String> variables = nodes.stream().filter(n -> n.getOp().equals("VariableV2"))
          .map(NodeDef::getName).collect(Collectors.toCollection(TreeSet::new));
      Set<String> weights = model.weights().stream().map(Weight::name)
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(weights, variables);
      assertTrue(variables.contains("conv2d/kernel") && variables.contains("dense/bias")
          && variables.contains("batch_normalization/moving_variance"), variables.toString());
      for (NodeDef n : nodes) {
        assertTrue(!n.getName().startsWith("training") && !n.getName().contains("Adam")
            && !n.getOp().startsWith("Apply") && !n.getOp().startsWith("Random"),
            "training node exported: " + n.getName() + " (" + n.getOp() + ")");
        assertTrue(!n.getOp().equals("Assign") || n.getName().startsWith("save/"),
            "assignment outside the saver: " + n.getName());
      }

      FeatureArray x = randomImages(50, 2);
      FeatureArray expected = model.predict(x);
      try (LoadedModel loaded = LoadedModel.load(dir)) {
        assertTrue(Shared.maxAbsDiff(expected, loaded.predict(x, 16)) <= 1e-6);
      }
      try (Model rebuilt = KerasModelLoader.load(dir)) {
        assertTrue(Shared.maxAbsDiff(expected, rebuilt.predict(x)) <= 1e-6,
            "the export carries the Keras config, so the loader rebuilds it");
      }
    }
  }

  @Test
  void refusesANonEmptyDirectoryUnlessAskedToOverwrite() throws IOException {
    Path dir = tmp.resolve("exported");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("keep.txt"), "mine");
    try (Model model = trainedModel()) {
      DirectoryNotEmptyException e = assertThrows(DirectoryNotEmptyException.class,
          () -> ModelExporter.export(model, dir));
      assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
      assertEquals(List.of("keep.txt"), entries(dir));
      assertEquals(List.of("exported"), entries(tmp));

      ModelExporter.export(model, dir, true);
      assertEquals(List.of(OutputDirectory.MANIFEST, ExportedConfig.DIR, "keep.txt",
          "saved_model.pb", "variables"), entries(dir), "the foreign file is kept beside it");
      assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
      assertEquals(List.of("exported"), entries(tmp));
      ModelExporter.export(model, dir, true);
      assertEquals("mine", Files.readString(dir.resolve("keep.txt")), "and kept on a re-export");
      assertEquals(List.of(OutputDirectory.MANIFEST, ExportedConfig.DIR, "keep.txt",
          "saved_model.pb", "variables"), entries(dir));
      try (LoadedModel loaded = LoadedModel.load(dir)) {
        FeatureArray x = randomImages(3, 3);
        assertArrayEquals(model.predict(x).floats(), loaded.predict(x).floats(), 1e-6f);
      }
    }
  }

  @Test
  void anEmptyDirectoryIsFilled() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    try (Model model = trainedModel()) {
      ModelExporter.export(model, dir);
    }
    assertEquals(List.of(OutputDirectory.MANIFEST, ExportedConfig.DIR, "saved_model.pb",
        "variables"), entries(dir));
  }
}
