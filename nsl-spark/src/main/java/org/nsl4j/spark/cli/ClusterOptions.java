package org.nsl4j.spark.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsl4j.spark.LocalClusters;
import org.nsl4j.spark.SparkInferenceException;
import picocli.CommandLine.Option;

/** The Spark flags the commands share: the master and extra settings. */
final class ClusterOptions {

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local-cluster[2,1,1024] (default: spark-submit's).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "A Spark setting, as spark-submit's --conf (repeatable).")
  Map<String, String> conf = new LinkedHashMap<>();

  /** The number of executor JVMs a local cluster master starts, else 0. */
  int localExecutors() {
    return master == null ? 0 : LocalClusters.executorJvms(master);
  }

  /**
   * The session of {@code --master} (or spark-submit's), stopped on close when this call
   * created it.
   *
   * @throws SparkInferenceException without {@code --master} outside spark-submit
   */
  Session open(String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master != null) {
      LocalClusters.configure(builder, master);
    } else if (System.getProperty("spark.master") == null) {
      throw new SparkInferenceException("--master is required outside spark-submit (e.g."
          + " local-cluster[2,1,1024], or spark://host:7077)");
    }
    conf.forEach(builder::config);
    boolean created = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = builder.getOrCreate();
    if (created && master != null && LocalClusters.isLocal(master)) {
      spark.sparkContext().setLogLevel("WARN");
    }
    return new Session(spark, created);
  }

  /** A Spark session, stopped on close if it was created for the command. */
  record Session(SparkSession spark, boolean created) implements AutoCloseable {
    @Override
    public void close() {
      if (created) {
        spark.stop();
      }
    }
  }
}
