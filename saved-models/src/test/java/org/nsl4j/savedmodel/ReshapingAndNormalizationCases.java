package org.nsl4j.savedmodel;

import static org.nsl4j.savedmodel.CoreAndConvolutionCases.count;

import java.util.stream.Stream;
import org.nsl4j.keras.layers.BatchNormalization;
import org.nsl4j.keras.layers.Cropping2D;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.LayerNormalization;
import org.nsl4j.keras.layers.Normalization;
import org.nsl4j.keras.layers.Permute;
import org.nsl4j.keras.layers.Reshape;
import org.nsl4j.keras.layers.UpSampling2D;
import org.nsl4j.keras.layers.ZeroPadding2D;

/** Harness cases of the reshaping and normalization layers, with forward passes by hand. */
final class ReshapingAndNormalizationCases {

  private ReshapingAndNormalizationCases() {}

  static Stream<LayerCase> reshaping() {
    return Stream.of(
        LayerCase.of("Flatten", Flatten::new).input(2, 3).output(6)
            .forward(count(6), count(6)),
        LayerCase.of("Flatten after a 1D layer", Flatten::new).input(4, 2).output(8)
            .forward(count(8), count(8)),
        LayerCase.of("Reshape inferred", () -> new Reshape(-1, 2)).input(2, 3).output(3, 2)
            .forward(count(6), count(6)),
        LayerCase.of("Permute", () -> new Permute(2, 1)).input(2, 3).output(3, 2)
            .forward(count(6), new float[] {1, 4, 2, 5, 3, 6}),
        LayerCase.of("ZeroPadding2D", ZeroPadding2D::new).input(1, 1, 1).output(3, 3, 1)
            .forward(new float[] {7}, new float[] {0, 0, 0, 0, 7, 0, 0, 0, 0}),
        // one row on top, two columns on the right
        LayerCase.of("ZeroPadding2D per side", () -> new ZeroPadding2D(1, 0, 0, 2))
            .input(1, 1, 1).output(2, 3, 1)
            .forward(new float[] {7}, new float[] {0, 0, 0, 7, 0, 0}),
        // rows 1..2 and columns 0..1 of 1..9
        LayerCase.of("Cropping2D", () -> new Cropping2D(1, 0, 0, 1)).input(3, 3, 1)
            .output(2, 2, 1).forward(count(9), new float[] {4, 5, 7, 8}),
        LayerCase.of("UpSampling2D nearest", UpSampling2D::new).input(1, 2, 1).output(2, 4, 1)
            .forward(new float[] {1, 2}, new float[] {1, 1, 2, 2, 1, 1, 2, 2}),
        // half-pixel centres: output column j samples input column (j + 0.5) / 2 - 0.5, clamped
        LayerCase.of("UpSampling2D bilinear", () -> new UpSampling2D(new int[] {2}, "bilinear",
            null)).input(1, 2, 1).output(2, 4, 1)
            .forward(new float[] {0, 4}, new float[] {0, 1, 3, 4, 0, 1, 3, 4}));
  }

  static Stream<LayerCase> normalization() {
    float inv = (float) (1 / Math.sqrt(1.25 + 1e-3));
    return Stream.of(
        // inference: (x - moving_mean) / sqrt(moving_variance + 1e-3) · gamma + beta
        LayerCase.of("BatchNormalization", BatchNormalization::new).input(2).output(2)
            .weightNames("gamma", "beta", "moving_mean", "moving_variance")
            .weights(new float[] {2, 1}, new float[] {0, 1}, new float[] {1, -1},
                new float[] {4, 0.25f})
            .forward(new float[] {3, 0}, new float[] {(float) (2 / Math.sqrt(4.001) * 2),
                (float) (1 / Math.sqrt(0.251) + 1)}),
        // mean 2.5 and variance 1.25 of 1..4
        LayerCase.of("LayerNormalization", LayerNormalization::new).input(4).output(4)
            .weightNames("gamma", "beta")
            .weights(new float[] {1, 2, 1, 1}, new float[] {0, 0, 0, 1})
            .forward(count(4), new float[] {-1.5f * inv, -1f * inv, 0.5f * inv, 1.5f * inv + 1}),
        LayerCase.of("LayerNormalization two axes", () -> new LayerNormalization().axis(1, 2)
            .center(false).scale(false)).input(2, 2).output(2, 2)
            .forward(count(4), new float[] {-1.5f * inv, -0.5f * inv, 0.5f * inv, 1.5f * inv}),
        LayerCase.of("Normalization adapted", Normalization::new).input(2).output(2)
            .weightNames("mean", "variance", "count")
            .weights(new float[] {1, 2}, new float[] {4, 0.25f}, new float[] {10})
            .forward(new float[] {3, 3, 0, 1.5f}, new float[] {1, 2, -0.5f, -1}),
        LayerCase.of("Normalization given", () -> new Normalization().mean(1, 0)
            .variance(4, 0.25f)).input(2).output(2)
            .forward(new float[] {3, 1, -1, -2}, new float[] {1, 2, -1, -4}),
        LayerCase.of("Normalization inverted", () -> new Normalization().mean(1).variance(4)
            .invert(true)).input(2).output(2)
            .forward(new float[] {2, -1}, new float[] {5, -1}),
        LayerCase.of("Normalization axis None", () -> new Normalization().axisNone()).input(2)
            .output(2).weightNames("mean", "variance", "count")
            .weights(new float[] {2}, new float[] {9}, new float[] {4})
            .forward(new float[] {5, -1}, new float[] {1, -1}));
  }
}
