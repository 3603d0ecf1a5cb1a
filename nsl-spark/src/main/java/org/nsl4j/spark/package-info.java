/**
 * Batch inference of SavedModels on Apache Spark.
 *
 * <ul>
 *   <li>{@link org.nsl4j.spark.BatchInference}: scores a DataFrame column of images with a
 *       SavedModel signature, in batches inside each partition, adding the predicted class and the
 *       signature's scores; also registers the same scoring as a Spark SQL function.
 *   <li>{@link org.nsl4j.spark.ExecutorModels}: the model cache of one JVM: each SavedModel is
 *       loaded once per executor (copied to a local directory first when it lives on a remote
 *       Hadoop file system) and closed when the JVM exits.
 *   <li>{@link org.nsl4j.spark.LocalClusters}: the Spark settings of a run on one machine, with
 *       separate executor JVMs ({@code local-cluster[N,cores,memMB]}) bound to 127.0.0.1.
 * </ul>
 *
 * <p>Bad input (a model path that cannot be read, a missing signature, an image column of the
 * wrong type or shape) fails on the driver with a {@link
 * org.nsl4j.spark.SparkInferenceException} before any task runs; a failure inside a task names
 * the partition and the example's index in it.
 */
package org.nsl4j.spark;
