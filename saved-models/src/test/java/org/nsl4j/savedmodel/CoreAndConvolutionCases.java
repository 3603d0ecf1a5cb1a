package org.nsl4j.savedmodel;

import java.util.stream.Stream;
import org.nsl4j.keras.layers.Conv1D;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.DepthwiseConv2D;
import org.nsl4j.keras.layers.Embedding;
import org.nsl4j.keras.layers.SeparableConv2D;

/** Harness cases of the core and convolution layers, each with a forward pass done by hand. */
final class CoreAndConvolutionCases {

  private CoreAndConvolutionCases() {}

  /** 1..n, row-major. */
  static float[] count(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + 1;
    }
    return v;
  }

  static Stream<LayerCase> core() {
    return Stream.of(
        // x·K + b = [4, -1] + [0.5, -1] and [1, -2] + [0.5, -1], then relu
        LayerCase.of("Dense relu", () -> new Dense(2, "relu")).input(3).output(2)
            .weightNames("kernel", "bias")
            .weights(new float[] {1, 0, 0, 1, 1, -1}, new float[] {0.5f, -1})
            .forward(new float[] {1, 2, 3, -1, 0, 2}, new float[] {4.5f, 0, 1.5f, 0}),
        // the last axis only: each of the two rows of the example is multiplied by K
        LayerCase.of("Dense on rank 3", () -> new Dense(2).useBias(false)).input(2, 3)
            .output(2, 2).weightNames("kernel").weights(new float[] {1, 0, 0, 1, 1, -1})
            .forward(new float[] {1, 2, 3, -1, 0, 2}, new float[] {4, -1, 1, -2}),
        // rows 4, 1 and 0 of the table
        LayerCase.of("Embedding", () -> new Embedding(5, 2)).input(3).output(3, 2)
            .weightNames("embeddings").weights(new float[] {0, 0, 1, 2, 3, 4, 5, 6, 7, 8})
            .forward(new float[] {4, 1, 0}, new float[] {7, 8, 1, 2, 0, 0})
            .sampler(r -> r.nextInt(5)).nonDifferentiableInputs());
  }

  static Stream<LayerCase> convolutions2d() {
    return Stream.of(
        // 1·x00 + 2·x01 + 3·x10 + 4·x11 + 1 over the 2×2 windows of 1..9
        LayerCase.of("Conv2D valid", () -> new Conv2D(1, 2)).input(3, 3, 1).output(2, 2, 1)
            .weightNames("kernel", "bias").weights(new float[] {1, 2, 3, 4}, new float[] {1})
            .forward(count(9), new float[] {38, 48, 68, 78}),
        // sums of 3×3 windows of 1..16 at stride 2; SAME pads one row and column at the end
        LayerCase.of("Conv2D same stride 2", () -> new Conv2D(1, 3).padding("same").strides(2)
            .useBias(false)).input(4, 4, 1).output(2, 2, 1).weightNames("kernel")
            .weights(ones(9)).forward(count(16), new float[] {54, 45, 72, 54}),
        // taps at the corners of the 3×3 image: 1·1 + 2·3 + 3·7 + 4·9
        LayerCase.of("Conv2D dilated", () -> new Conv2D(1, 2).dilationRate(2).useBias(false))
            .input(3, 3, 1).output(1, 1, 1).weightNames("kernel")
            .weights(new float[] {1, 2, 3, 4}).forward(count(9), new float[] {64}),
        // dilation 2 on 1..9 with a zero border: out[i][j] = 1·x[i-1][j-1] + 2·x[i-1][j+1]
        // + 3·x[i+1][j-1] + 4·x[i+1][j+1], e.g. out[0][0] = 4·5, out[1][1] = 64
        LayerCase.of("Conv2D dilated same", () -> new Conv2D(1, 2).dilationRate(2)
            .padding("same").useBias(false)).input(3, 3, 1).output(3, 3, 1)
            .weightNames("kernel").weights(new float[] {1, 2, 3, 4})
            .forward(count(9), new float[] {20, 36, 15, 36, 64, 26, 10, 16, 5}),
        // dilation 3: the 3 padding rows and columns split 1 before, 2 after, as TensorFlow's
        // SAME does; out[i][j] = x[i-1][j-1] + 2·x[i-1][j+2] + 3·x[i+2][j-1] + 4·x[i+2][j+2]
        LayerCase.of("Conv2D dilated same, uneven padding", () -> new Conv2D(1, 2)
            .dilationRate(3).padding("same").useBias(false)).input(4, 4, 1).output(4, 4, 1)
            .weightNames("kernel").weights(new float[] {1, 2, 3, 4})
            .forward(count(16), new float[] {44, 75, 30, 33, 66, 112, 44, 48, 14, 21, 6, 7, 22,
                33, 10, 11}),
        // output c·2 + m sums x[p][c]·(4p + 2c + m + 1) over the positions p, plus its bias;
        // channel 0 holds 1, 3, 5, 7 and channel 1 holds 2, 4, 6, 8
        LayerCase.of("DepthwiseConv2D multiplier 2", () -> new DepthwiseConv2D(2)
            .depthMultiplier(2)).input(2, 2, 2).output(1, 1, 4)
            .weightNames("depthwise_kernel", "bias")
            .weights(count(16), new float[] {0.5f, 0, 0, -0.5f})
            .forward(count(8), new float[] {152.5f, 168, 220, 239.5f}),
        LayerCase.of("DepthwiseConv2D same stride 2", () -> new DepthwiseConv2D(3)
            .padding("same").strides(2).useBias(false)).input(4, 4, 1).output(2, 2, 1)
            .weightNames("depthwise_kernel").weights(ones(9))
            .forward(count(16), new float[] {54, 45, 72, 54}),
        LayerCase.of("DepthwiseConv2D dilated", () -> new DepthwiseConv2D(2).dilationRate(2)
            .useBias(false)).input(3, 3, 1).output(1, 1, 1).weightNames("depthwise_kernel")
            .weights(new float[] {1, 2, 3, 4}).forward(count(9), new float[] {64}),
        // depthwise sums per channel 16 and 20, then [16, 20]·[[1, 2], [3, 4]] + [1, -1]
        LayerCase.of("SeparableConv2D", () -> new SeparableConv2D(2, 2)).input(2, 2, 2)
            .output(1, 1, 2).weightNames("depthwise_kernel", "pointwise_kernel", "bias")
            .weights(ones(8), new float[] {1, 2, 3, 4}, new float[] {1, -1})
            .forward(count(8), new float[] {77, 111}));
  }

  static Stream<LayerCase> convolutions1d() {
    return Stream.of(
        // x[t] - x[t+1] + 0.5
        LayerCase.of("Conv1D valid", () -> new Conv1D(1, 2)).input(4, 1).output(3, 1)
            .weightNames("kernel", "bias").weights(new float[] {1, -1}, new float[] {0.5f})
            .forward(new float[] {1, 3, 6, 10}, new float[] {-1.5f, -2.5f, -3.5f}),
        // x[t-2] + 10·x[t], zeros before the start
        LayerCase.of("Conv1D causal dilated", () -> new Conv1D(1, 2).padding("causal")
            .dilationRate(2).useBias(false)).input(4, 1).output(4, 1).weightNames("kernel")
            .weights(new float[] {1, 10})
            .forward(new float[] {1, 3, 6, 10}, new float[] {10, 30, 61, 103}),
        LayerCase.of("Conv1D same stride 2 relu", () -> new Conv1D(2, 3, "relu", null)
            .padding("same").strides(2)).input(5, 1).output(3, 2)
            .weightNames("kernel", "bias")
            .weights(new float[] {1, 0, 1, 0, 1, -1}, new float[] {0, 0.5f})
            // windows [0, 1, 2], [2, 3, 4], [4, 5, 0]: filter 0 sums them, filter 1 is 0.5 minus
            // the last value, then relu
            .forward(new float[] {1, 2, 3, 4, 5}, new float[] {3, 0, 9, 0, 9, 0.5f}));
  }

  static float[] ones(int n) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, 1f);
    return v;
  }
}
