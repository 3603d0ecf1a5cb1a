/**
 * evaluate-savedmodel's robustness evaluation spread over Spark's executors: {@link
 * org.nsl4j.spark.evaluate.SparkEvaluation} ships the test images in partitions, each executor JVM
 * rebuilds the command's classifiers once ({@link org.nsl4j.spark.evaluate.EvaluationModels}) and
 * attacks its examples ({@link org.nsl4j.spark.evaluate.PartitionEvaluator}), and the driver
 * gathers the per-example results into the command's own report.
 */
package org.nsl4j.spark.evaluate;
