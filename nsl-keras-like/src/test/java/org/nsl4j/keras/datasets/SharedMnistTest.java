package org.nsl4j.keras.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.testing.SharedFixtures;
import org.nsl4j.keras.data.Features;

/** The real MNIST test set in the project's {@code ../shared/data/mnist}, when present. */
class SharedMnistTest {

  @TempDir Path home;

  @Test
  void realTestSetHasTenThousandDigits() throws IOException {
    Path mnist = SharedFixtures.mnistTest();
    Features test = Idx.readLabeledImages(
        mnist.resolve("t10k-images-idx3-ubyte.gz"), mnist.resolve("t10k-labels-idx1-ubyte.gz"));
    assertArrayEquals(new long[] {10_000, 28, 28, 1}, test.get(Idx.IMAGE).shape());
    int[] counts = new int[10];
    for (long label : test.get(Idx.LABEL).longs()) {
      counts[(int) label]++;
    }
    assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts);
  }

  @Test
  void dataDirWithOnlyTheTestPairServesAsTestSplit() throws IOException {
    Path mnist = SharedFixtures.mnistTest();
    MnistData data = Mnist.load(MnistOptions.defaults().home(home).dataDir(mnist).trainLimit(10));
    assertEquals(SplitSource.Origin.IDX_DIR, data.testSource().origin());
    assertEquals(10_000, data.test().rows());
    assertTrue(data.testSource().description().contains("t10k-images-idx3-ubyte.gz"));
    assertEquals(SplitSource.Origin.EMBEDDED, data.trainSource().origin());
    assertEquals(10, data.train().rows());
  }

  @Test
  void embeddedTestSplitIsTheRealTestSet() throws IOException {
    Path mnist = SharedFixtures.mnistTest();
    Features real = Idx.readLabeledImages(
        mnist.resolve("t10k-images-idx3-ubyte.gz"), mnist.resolve("t10k-labels-idx1-ubyte.gz"));
    Features embedded = Mnist.load(MnistOptions.defaults().home(home).trainLimit(1)).test();
    assertArrayEquals(real.get(Idx.LABEL).longs(), embedded.get(Idx.LABEL).longs());
    assertArrayEquals(Pixels.toUnitRange(real.get(Idx.IMAGE)).floats(),
        embedded.get(Idx.IMAGE).floats());
  }
}
