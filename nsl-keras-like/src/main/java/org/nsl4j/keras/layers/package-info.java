/**
 * Keras layers: {@link org.nsl4j.keras.layers.Layer} and the built-in layers, with Keras's class
 * names, defaults and argument names in camelCase: core ({@code Dense}, {@code Embedding}),
 * convolution ({@code Conv1D}, {@code Conv2D}, {@code DepthwiseConv2D}, {@code SeparableConv2D}),
 * pooling, merging ({@code Add}, {@code Concatenate}...), reshaping, normalization ({@code
 * BatchNormalization}, {@code LayerNormalization}, {@code Normalization}), activation layers
 * ({@code ReLU}, {@code Softmax}...), regularization ({@code Dropout}, {@code GaussianNoise}...),
 * preprocessing ({@code Rescaling}, {@code Resizing}) and augmentation ({@code RandomFlip}...). A
 * layer creates its weights on its first call and reuses them on every later call.
 *
 * <p>To add a layer: extend {@link org.nsl4j.keras.layers.Layer} (or {@code KernelLayer} for a
 * kernel and bias, {@code BaseConv} for a convolution), create weights in {@code build} with
 * {@code addWeight} in Keras's order and names, build the computation in {@code call} from ops
 * with C++ gradients, and add its Keras fields to {@code getConfig()}. Then register its factory
 * in saved-models' {@code BuiltInLayers} and give it a case in the layer test (output shape,
 * weights, a forward pass by hand, config round trip, gradients): that test fails while a
 * registered layer has no case.
 */
package org.nsl4j.keras.layers;
