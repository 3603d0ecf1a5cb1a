package org.nsl4j.savedmodel;

import static org.nsl4j.savedmodel.CoreAndConvolutionCases.count;

import java.util.stream.Stream;
import org.nsl4j.keras.layers.Add;
import org.nsl4j.keras.layers.Average;
import org.nsl4j.keras.layers.AveragePooling1D;
import org.nsl4j.keras.layers.AveragePooling2D;
import org.nsl4j.keras.layers.Concatenate;
import org.nsl4j.keras.layers.GlobalAveragePooling1D;
import org.nsl4j.keras.layers.GlobalAveragePooling2D;
import org.nsl4j.keras.layers.GlobalMaxPooling1D;
import org.nsl4j.keras.layers.GlobalMaxPooling2D;
import org.nsl4j.keras.layers.MaxPooling1D;
import org.nsl4j.keras.layers.MaxPooling2D;
import org.nsl4j.keras.layers.Maximum;
import org.nsl4j.keras.layers.Minimum;
import org.nsl4j.keras.layers.Multiply;
import org.nsl4j.keras.layers.Subtract;

/** Harness cases of the pooling and merging layers, each with a forward pass done by hand. */
final class PoolingAndMergingCases {

  private PoolingAndMergingCases() {}

  static Stream<LayerCase> pooling2d() {
    return Stream.of(
        LayerCase.of("MaxPooling2D", () -> new MaxPooling2D(2)).input(4, 4, 1).output(2, 2, 1)
            .forward(count(16), new float[] {6, 8, 14, 16}),
        LayerCase.of("MaxPooling2D 1x2", () -> new MaxPooling2D(new int[] {1, 2},
            new int[] {1, 2}, "valid", null)).input(2, 4, 1).output(2, 2, 1)
            .forward(new float[] {1, 5, 2, 0, 3, 4, 9, 8}, new float[] {5, 2, 4, 9}),
        LayerCase.of("AveragePooling2D", () -> new AveragePooling2D(2)).input(4, 4, 1)
            .output(2, 2, 1).forward(count(16), new float[] {3.5f, 5.5f, 11.5f, 13.5f}),
        // SAME windows at the edges average only the pixels they cover: (3 + 6) / 2...
        LayerCase.of("AveragePooling2D same", () -> new AveragePooling2D(new int[] {2},
            new int[] {2}, "same", null)).input(3, 3, 1).output(2, 2, 1)
            .forward(count(9), new float[] {3, 4.5f, 7.5f, 9}),
        LayerCase.of("GlobalAveragePooling2D", GlobalAveragePooling2D::new).input(2, 2, 2)
            .output(2).forward(count(8), new float[] {4, 5}),
        LayerCase.of("GlobalAveragePooling2D keepdims", () -> new GlobalAveragePooling2D()
            .keepdims(true)).input(2, 2, 2).output(1, 1, 2).forward(count(8), new float[] {4, 5}),
        LayerCase.of("GlobalMaxPooling2D", GlobalMaxPooling2D::new).input(2, 2, 2).output(2)
            .forward(count(8), new float[] {7, 8}));
  }

  static Stream<LayerCase> pooling1d() {
    return Stream.of(
        LayerCase.of("MaxPooling1D", MaxPooling1D::new).input(5, 1).output(2, 1)
            .forward(new float[] {1, 3, 2, 5, 4}, new float[] {3, 5}),
        // stride 1, SAME: windows [1, 3], [3, 8], [8]
        LayerCase.of("AveragePooling1D same stride 1", () -> new AveragePooling1D(2, 1, "same",
            null)).input(3, 1).output(3, 1)
            .forward(new float[] {1, 3, 8}, new float[] {2, 5.5f, 8}),
        LayerCase.of("GlobalAveragePooling1D", GlobalAveragePooling1D::new).input(3, 2)
            .output(2).forward(new float[] {1, 2, 3, 4, 8, 0}, new float[] {4, 2}),
        LayerCase.of("GlobalMaxPooling1D keepdims", () -> new GlobalMaxPooling1D()
            .keepdims(true)).input(3, 2).output(1, 2)
            .forward(new float[] {1, 2, 3, 4, 8, 0}, new float[] {8, 4}));
  }

  static Stream<LayerCase> merging() {
    float[] a = {1, 25, 3};
    float[] b = {10, 20, 30};
    return Stream.of(
        LayerCase.of("Add three inputs", Add::new).input(3).input(3).input(3).output(3)
            .forward(new float[][] {a, b, {100, 200, 300}}, new float[] {111, 245, 333}),
        LayerCase.of("Subtract", Subtract::new).input(3).input(3).output(3)
            .forward(new float[][] {a, b}, new float[] {-9, 5, -27}),
        LayerCase.of("Multiply", Multiply::new).input(3).input(3).output(3)
            .forward(new float[][] {a, b}, new float[] {10, 500, 90}),
        LayerCase.of("Average", Average::new).input(3).input(3).output(3)
            .forward(new float[][] {a, b}, new float[] {5.5f, 22.5f, 16.5f}),
        LayerCase.of("Maximum", Maximum::new).input(3).input(3).output(3)
            .forward(new float[][] {a, b}, new float[] {10, 25, 30}),
        LayerCase.of("Minimum", Minimum::new).input(3).input(3).output(3)
            .forward(new float[][] {a, b}, new float[] {1, 20, 3}),
        LayerCase.of("Concatenate last axis", Concatenate::new).input(2).input(3).output(5)
            .forward(new float[][] {{1, 2}, b}, new float[] {1, 2, 10, 20, 30}),
        LayerCase.of("Concatenate axis 1", () -> new Concatenate(1, null)).input(1, 2)
            .input(2, 2).output(3, 2)
            .forward(new float[][] {{1, 2}, {3, 4, 5, 6}}, new float[] {1, 2, 3, 4, 5, 6}));
  }
}
