package org.nsl4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.datasets.Idx;
import org.nsl4j.keras.datasets.Pixels;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.savedmodel.LoadedModel;

/**
 * The first real MNIST test digits and what {@link LoadedModel} makes of them in this JVM, the
 * reference every Spark result is compared with.
 */
public final class Digits {

  public static final String MODEL = "mnist_cnn_tf2_11";
  static final int SIZE = 28 * 28;

  final int count;
  final byte[][] pixels;
  final float[][] scores;
  final int[] predictions;

  private Digits(int count, byte[][] pixels, float[][] scores, int[] predictions) {
    this.count = count;
    this.pixels = pixels;
    this.scores = scores;
    this.predictions = predictions;
  }

  /** The model's directory; skips when the fixture is absent. */
  public static Path model() {
    return SharedFixtures.savedModel(MODEL);
  }

  /** The first {@code n} test digits, scored by LoadedModel 256 at a time on x / 255. */
  public static Digits first(int n) throws IOException {
    Path dir = SharedFixtures.mnistTest();
    FeatureArray all = Idx.readImages(dir.resolve("t10k-images-idx3-ubyte.gz")).rows(0, n);
    byte[][] pixels = new byte[n][SIZE];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < SIZE; j++) {
        pixels[i][j] = (byte) all.floats()[i * SIZE + j];
      }
    }
    float[] out;
    try (LoadedModel m = LoadedModel.load(model())) {
      out = m.predict(Pixels.toUnitRange(all), 256).floats();
    }
    int classes = out.length / n;
    float[][] scores = new float[n][classes];
    int[] predictions = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(out, i * classes, scores[i], 0, classes);
      predictions[i] = BatchScorer.argmax(scores[i]);
    }
    return new Digits(n, pixels, scores, predictions);
  }

  /** id, image (binary pixels), pixels (array<float> of x / 255), in {@code partitions}. */
  public Dataset<Row> frame(SparkSession spark, int partitions) {
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      float[] unit = new float[SIZE];
      for (int j = 0; j < SIZE; j++) {
        unit[j] = (pixels[i][j] & 0xff) / 255f;
      }
      rows.add(RowFactory.create((long) i, pixels[i], unit));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType, false)
        .add("image", DataTypes.BinaryType, false)
        .add("pixels", DataTypes.createArrayType(DataTypes.FloatType, false), false);
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions),
        schema);
  }

  /** Asserts that {@code rows} (id, prediction, scores) are all the digits, as LoadedModel scored. */
  public void assertScored(List<Row> rows, String what) {
    assertScored(rows, count, what);
  }

  /**
   * Asserts that {@code rows} (id, prediction, scores) are digits 0..n-1 in any order, each with
   * exactly LoadedModel's prediction and scores.
   */
  public void assertScored(List<Row> rows, int n, String what) {
    assertEquals(n, rows.size(), what);
    assertEquals(n, rows.stream().mapToLong(r -> r.getLong(0)).filter(id -> id < n).distinct()
        .count(), what + ": ids 0.." + (n - 1));
    for (Row r : rows) {
      int id = (int) r.getLong(0);
      assertEquals(predictions[id], r.getInt(1), what + ": prediction of digit " + id);
      List<Float> values = r.getList(2);
      float[] got = new float[values.size()];
      for (int i = 0; i < got.length; i++) {
        got[i] = values.get(i);
      }
      assertArrayEquals(scores[id], got, 0f, what + ": scores of digit " + id);
    }
  }
}
