package org.nsl4j.savedmodel;

import java.util.Map;
import org.nsl4j.keras.layers.BaseConv;
import org.nsl4j.keras.layers.Conv1D;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.DepthwiseConv2D;
import org.nsl4j.keras.layers.Layer;
import org.nsl4j.keras.layers.SeparableConv2D;

/** Factories of the convolution layers: Conv1D, Conv2D, DepthwiseConv2D, SeparableConv2D. */
final class ConvolutionFactories {

  private ConvolutionFactories() {}

  static void register(Map<String, LayerFactory> f) {
    f.put("Conv1D", ConvolutionFactories::conv1d);
    f.put("Conv2D", ConvolutionFactories::conv2d);
    f.put("DepthwiseConv2D", ConvolutionFactories::depthwiseConv2d);
    f.put("SeparableConv2D", ConvolutionFactories::separableConv2d);
  }

  private static Layer conv1d(LayerConfig c) {
    int[] k = c.intArray("kernel_size");
    if (k.length != 1) {
      throw c.error("kernel_size", "one size");
    }
    return common(c, new Conv1D(c.integer("filters"), k[0], LayerFields.activation(c), c.name()))
        .kernelInitializer(LayerFields.initializer(c, "kernel_initializer", "glorot_uniform"));
  }

  private static Layer conv2d(LayerConfig c) {
    int[] k = kernel(c);
    return common(c, new Conv2D(c.integer("filters"), k[0], k[1], LayerFields.activation(c),
        c.name()))
        .kernelInitializer(LayerFields.initializer(c, "kernel_initializer", "glorot_uniform"));
  }

  private static Layer depthwiseConv2d(LayerConfig c) {
    int[] k = kernel(c);
    return common(c, new DepthwiseConv2D(k[0], k[1], LayerFields.activation(c), c.name()))
        .depthMultiplier(c.has("depth_multiplier") ? c.integer("depth_multiplier") : 1)
        .depthwiseInitializer(
            LayerFields.initializer(c, "depthwise_initializer", "glorot_uniform"));
  }

  private static Layer separableConv2d(LayerConfig c) {
    int[] k = kernel(c);
    return common(c, new SeparableConv2D(c.integer("filters"), k[0], k[1],
        LayerFields.activation(c), c.name()))
        .depthMultiplier(c.has("depth_multiplier") ? c.integer("depth_multiplier") : 1)
        .depthwiseInitializer(
            LayerFields.initializer(c, "depthwise_initializer", "glorot_uniform"))
        .pointwiseInitializer(
            LayerFields.initializer(c, "pointwise_initializer", "glorot_uniform"));
  }

  /** The kernel size as (height, width), from one size or two. */
  private static int[] kernel(LayerConfig c) {
    int[] k = c.intArray("kernel_size");
    if (k.length == 1) {
      return new int[] {k[0], k[0]};
    }
    if (k.length != 2) {
      throw c.error("kernel_size", "one size or two");
    }
    return k;
  }

  /** Strides, padding, dilation, bias and the unsupported options every convolution shares. */
  private static <L extends BaseConv<L>> L common(LayerConfig c, L layer) {
    LayerFields.channelsLast(c);
    LayerFields.unset(c, "lora_rank", "LoRA");
    if (c.has("groups") && c.integer("groups") != 1) {
      throw c.error("groups", "1 (grouped convolutions are not supported)");
    }
    return layer.strides(c.intArray("strides", 1))
        .dilationRate(c.intArray("dilation_rate", 1))
        .padding(c.text("padding", "valid"))
        .useBias(c.flag("use_bias", true))
        .biasInitializer(LayerFields.initializer(c, "bias_initializer", "zeros"));
  }
}
