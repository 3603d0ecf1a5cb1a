/**
 * Keras metrics ({@link org.nsl4j.keras.metrics.Metric}; {@link org.nsl4j.keras.metrics.Metrics}
 * by name, with {@code "accuracy"} resolved against the loss as Keras does).
 *
 * <p>To add a metric: implement {@link org.nsl4j.keras.metrics.Metric} and add its name to
 * {@link org.nsl4j.keras.metrics.Metrics#get}.
 */
package org.nsl4j.keras.metrics;
