/**
 * Mixed precision, as Keras's {@code keras.mixed_precision}: a {@link
 * org.nsl4j.keras.mixedprecision.Policy} ({@code float32}, {@code mixed_bfloat16}, {@code
 * mixed_float16}) names the dtype models compute in while their variables stay float32. Set it
 * globally ({@code Policy.setGlobalPolicy}) or for one model through its {@link
 * org.nsl4j.keras.config.SessionOptions}; TensorFlow's auto-mixed-precision graph rewrite applies
 * it when the model's session is created. A policy the CPU, GPU or TensorFlow build cannot run is
 * refused with the reason.
 */
package org.nsl4j.keras.mixedprecision;
