package org.nsl4j.savedmodel;

import static org.nsl4j.savedmodel.CoreAndConvolutionCases.count;

import java.util.stream.Stream;
import org.nsl4j.keras.layers.Dropout;
import org.nsl4j.keras.layers.GaussianNoise;
import org.nsl4j.keras.layers.RandomBrightness;
import org.nsl4j.keras.layers.RandomContrast;
import org.nsl4j.keras.layers.RandomCrop;
import org.nsl4j.keras.layers.RandomFlip;
import org.nsl4j.keras.layers.RandomRotation;
import org.nsl4j.keras.layers.RandomTranslation;
import org.nsl4j.keras.layers.RandomZoom;
import org.nsl4j.keras.layers.Rescaling;
import org.nsl4j.keras.layers.Resizing;
import org.nsl4j.keras.layers.SpatialDropout1D;
import org.nsl4j.keras.layers.SpatialDropout2D;

/**
 * Harness cases of the regularization, preprocessing and augmentation layers: identities at
 * inference (their training draws are frozen by the gradient check), and resizing by hand.
 */
final class RegularizationAndPreprocessingCases {

  private RegularizationAndPreprocessingCases() {}

  static Stream<LayerCase> regularization() {
    return Stream.of(
        LayerCase.of("Dropout", () -> new Dropout(0.5f)).input(2).output(2)
            .forward(new float[] {1, 2}, new float[] {1, 2}),
        LayerCase.of("SpatialDropout1D", () -> new SpatialDropout1D(0.3f)).input(3, 2)
            .output(3, 2).forward(count(6), count(6)),
        LayerCase.of("SpatialDropout2D", () -> new SpatialDropout2D(0.5f)).input(2, 2, 2)
            .output(2, 2, 2).forward(count(8), count(8)),
        LayerCase.of("GaussianNoise", () -> new GaussianNoise(0.1f)).input(2).output(2)
            .forward(new float[] {1, 2}, new float[] {1, 2}));
  }

  static Stream<LayerCase> preprocessing() {
    return Stream.of(
        LayerCase.of("Rescaling", () -> new Rescaling(0.5f).offset(-1)).input(2).output(2)
            .forward(new float[] {2, 4}, new float[] {0, 1}),
        LayerCase.of("Rescaling per channel", () -> new Rescaling(2, 3).offset(1, 0))
            .input(2, 2).output(2, 2).forward(new float[] {1, 1, 2, 2}, new float[] {3, 3, 5, 6}),
        // as UpSampling2D bilinear: half-pixel centres
        LayerCase.of("Resizing bilinear", () -> new Resizing(2, 4)).input(1, 2, 1)
            .output(2, 4, 1).forward(new float[] {0, 4}, new float[] {0, 1, 3, 4, 0, 1, 3, 4}),
        // the centred 2×2 window (columns 1..2) of [[1, 2, 3, 4], [5, 6, 7, 8]]
        LayerCase.of("Resizing crop_to_aspect_ratio", () -> new Resizing(2, 2)
            .cropToAspectRatio(true).interpolation("nearest")).input(2, 4, 1).output(2, 2, 1)
            .forward(count(8), new float[] {2, 3, 6, 7}),
        // that window to 1×1: nearest samples pixel floor((0 + 0.5) · 2) = 1 in each axis
        LayerCase.of("Resizing nearest", () -> new Resizing(1, 1).cropToAspectRatio(true)
            .interpolation("nearest")).input(2, 4, 1).output(1, 1, 1)
            .forward(count(8), new float[] {7}));
  }

  static Stream<LayerCase> augmentation() {
    return Stream.of(
        LayerCase.of("RandomFlip", RandomFlip::new).input(2, 2, 1).output(2, 2, 1)
            .forward(count(4), count(4)),
        LayerCase.of("RandomFlip horizontal", () -> new RandomFlip("horizontal", null))
            .input(2, 2, 1).output(2, 2, 1).forward(count(4), count(4)),
        // inference on 3×3: the whole image (same aspect) resized bilinearly to 2×2; the image
        // 1 + 3r + c is linear, so the samples at 0.25 and 1.75 are exact
        LayerCase.of("RandomCrop", () -> new RandomCrop(2, 2)).input(3, 3, 1).output(2, 2, 1)
            .forward(count(9), new float[] {2, 3.5f, 6.5f, 8}),
        LayerCase.of("RandomCrop to the aspect ratio", () -> new RandomCrop(2, 2))
            .input(2, 4, 1).output(2, 2, 1).forward(count(8), new float[] {2, 3, 6, 7}),
        LayerCase.of("RandomBrightness", () -> new RandomBrightness(0.2f).valueRange(-1e3f, 1e3f))
            .input(2, 2, 1).output(2, 2, 1).forward(count(4), count(4)),
        LayerCase.of("RandomContrast", () -> new RandomContrast(0.5f).valueRange(-1e3f, 1e3f))
            .input(2, 2, 1).output(2, 2, 1).forward(count(4), count(4)),
        LayerCase.of("RandomRotation", () -> new RandomRotation(0.1f).fillMode("constant"))
            .input(2, 2, 1).output(2, 2, 1).forward(count(4), count(4)),
        LayerCase.of("RandomZoom", () -> new RandomZoom(0.2f).widthFactor(-0.1f, 0.1f))
            .input(2, 2, 1).output(2, 2, 1).forward(count(4), count(4)),
        LayerCase.of("RandomTranslation", () -> new RandomTranslation(0.1f, 0.2f)
            .interpolation("nearest")).input(2, 2, 1).output(2, 2, 1).forward(count(4), count(4)));
  }
}
