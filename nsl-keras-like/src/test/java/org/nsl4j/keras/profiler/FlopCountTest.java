package org.nsl4j.keras.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.models.Sequential;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

class FlopCountTest {

  /** The NSL tutorial's base CNN. */
  static Sequential tutorialCnn() {
    return new Sequential(new InputLayer("image", 28, 28, 1),
        new Conv2D(32, 3, "relu"), new MaxPooling2D(2),
        new Conv2D(64, 3, "relu"), new MaxPooling2D(2),
        new Conv2D(64, 3, "relu"), new Flatten(),
        new Dense(64, "relu"), new Dense(10));
  }

  @Test
  void tutorialCnnMatchesTheHandCount() {
    try (Sequential model = tutorialCnn()) {
      FlopCount count = FlopCount.forward(model);
      // 26·26·32·(3·3·1), 11·11·64·(3·3·32), 3·3·64·(3·3·64), 576·64, 64·10
      List<Long> macs = count.ops().stream().map(FlopCount.Entry::macs).toList();
      assertEquals(List.of(194_688L, 2_230_272L, 331_776L, 36_864L, 640L), macs, count.toString());
      assertEquals(List.of("Conv2D", "Conv2D", "Conv2D", "MatMul", "MatMul"),
          count.ops().stream().map(FlopCount.Entry::type).toList());
      assertEquals(2_794_240L, count.macs());
      assertEquals(5_588_480L, count.flops());
      assertEquals(16_765_440L, count.trainingStepFlops());
    }
  }

  @Test
  void stridedSamePaddedConvolutionCountsItsOutputPositions() {
    Conv2D conv = new Conv2D(8, 5, 3, null, "conv").strides(2).padding("same");
    try (Sequential model = new Sequential(new InputLayer("x", 15, 9, 4), conv)) {
      // output 8 × 5 × 8 (ceil(15/2), ceil(9/2)), kernel 5·3·4
      assertEquals(8L * 5 * 8 * 5 * 3 * 4, FlopCount.forward(model).macs());
    }
  }

  @Test
  void denseLayersCountInputsTimesUnits() {
    try (Sequential model = new Sequential(new InputLayer("x", 7), new Dense(5, "relu"),
        new Dense(3))) {
      assertEquals(7L * 5 + 5 * 3, FlopCount.forward(model).macs());
    }
  }

  @Test
  void depthwiseConvolutionsAndBatchedProductsAreCounted() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, 10, 10, 3)));
      Operand<TFloat32> depthwise = tf.nn.depthwiseConv2dNative(x,
          tf.zeros(tf.constant(new long[] {3, 3, 3, 2}), TFloat32.class),
          List.of(1L, 1L, 1L, 1L), "VALID");
      Operand<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 6)));
      Operand<TFloat32> b = tf.zeros(tf.constant(new long[] {6, 5}), TFloat32.class);
      Operand<TFloat32> product = tf.train.batchMatMul(a, b, TFloat32.class,
          BatchMatMul.adjX(false));
      FlopCount count = FlopCount.of(List.of(depthwise, product));
      assertEquals(List.of(4L * 6 * 5, 8L * 8 * 3 * 3 * 3 * 2),
          count.ops().stream().map(FlopCount.Entry::macs).toList(), count.toString());
    }
  }

  @Test
  void unknownSpatialSizesAreRefusedWithTheOpName() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, -1, -1, 1)));
      Operand<TFloat32> conv = tf.withName("open_conv").nn.conv2d(x,
          tf.zeros(tf.constant(new long[] {3, 3, 1, 4}), TFloat32.class),
          List.of(1L, 1L, 1L, 1L), "VALID");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> FlopCount.of(List.of(conv)));
      assertTrue(e.getMessage().contains("open_conv") && e.getMessage().contains("unknown"),
          e.getMessage());
    }
  }
}
