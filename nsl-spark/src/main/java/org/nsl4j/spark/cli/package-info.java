/**
 * The command line of nsl-spark: {@link org.nsl4j.spark.cli.ScoreCommand} scores a SavedModel over
 * a set of images (IDX files or Parquet) on Spark, under {@code spark-submit} or on this machine
 * with separate executor JVMs ({@code --master local-cluster[2,1,1024]}).
 */
package org.nsl4j.spark.cli;
