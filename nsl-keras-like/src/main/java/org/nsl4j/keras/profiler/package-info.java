/**
 * Measuring what a model costs, as TensorFlow's profiler does: {@link
 * org.nsl4j.keras.profiler.FlopCount} counts a model's multiply-accumulates per example from its
 * graph's shapes (for FLOP rates), and {@link org.nsl4j.keras.profiler.ExecutedGraph} shows the
 * graph TensorFlow really ran after its rewrites (fused and oneDNN kernels, bfloat16 casts).
 */
package org.nsl4j.keras.profiler;
