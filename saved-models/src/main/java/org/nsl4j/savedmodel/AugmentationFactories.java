package org.nsl4j.savedmodel;

import java.util.Map;
import org.nsl4j.keras.layers.RandomAugmentation;
import org.nsl4j.keras.layers.RandomBrightness;
import org.nsl4j.keras.layers.RandomColor;
import org.nsl4j.keras.layers.RandomContrast;
import org.nsl4j.keras.layers.RandomCrop;
import org.nsl4j.keras.layers.RandomFlip;
import org.nsl4j.keras.layers.RandomRotation;
import org.nsl4j.keras.layers.RandomTransform;
import org.nsl4j.keras.layers.RandomTranslation;
import org.nsl4j.keras.layers.RandomZoom;

/**
 * Factories of the image augmentation layers (identity at inference): RandomFlip, RandomCrop,
 * RandomBrightness, RandomContrast, RandomRotation, RandomZoom and RandomTranslation.
 */
final class AugmentationFactories {

  private AugmentationFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("RandomFlip", c -> augmentation(c,
        new RandomFlip(c.text("mode", "horizontal_and_vertical"), c.name())));
    f.put("RandomCrop", c -> augmentation(c,
        new RandomCrop(c.integer("height"), c.integer("width"), c.name())));
    f.put("RandomBrightness", c -> color(c, new RandomBrightness(c.floats("factor"), c.name())));
    f.put("RandomContrast", c -> color(c, new RandomContrast(c.floats("factor"), c.name())));
    f.put("RandomRotation", c -> transform(c, new RandomRotation(c.floats("factor"), c.name())));
    f.put("RandomZoom", c -> transform(c, new RandomZoom(c.floats("height_factor"), c.name())
        .widthFactor(c.has("width_factor") ? c.floats("width_factor") : null)));
    f.put("RandomTranslation", c -> transform(c, new RandomTranslation(
        c.floats("height_factor"), c.floats("width_factor"), c.name())));
  }

  /** The seed, after checking that the images are channels-last. */
  private static <L extends RandomAugmentation<L>> L augmentation(LayerConfig c, L layer) {
    LayerFields.channelsLast(c);
    return layer.seed(LayerFields.seed(c));
  }

  private static <L extends RandomColor<L>> L color(LayerConfig c, L layer) {
    float[] range = c.floats("value_range", 0f, 255f);
    if (range.length != 2) {
      throw c.error("value_range", "two numbers");
    }
    return augmentation(c,
        layer.valueRange(Math.min(range[0], range[1]), Math.max(range[0], range[1])));
  }

  private static <L extends RandomTransform<L>> L transform(LayerConfig c, L layer) {
    return augmentation(c, layer.fillMode(c.text("fill_mode", "reflect"))
        .interpolation(c.text("interpolation", "bilinear"))
        .fillValue(c.number("fill_value", 0f)));
  }
}
