package org.nsl4j.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Spark settings for a run on this machine. Every local master ({@code local[N]}, {@code
 * local-cluster[...]}) binds the driver to 127.0.0.1 and runs without the web UI. {@code
 * local-cluster[workers,cores,memMB]} starts a master and workers inside the driver JVM and one
 * executor JVM per worker. The executors get the driver's classpath (made absolute) and
 * TensorFlow thread pools of their worker's cores (TensorFlow would size each to the whole
 * machine). Two environment variables must be set before the driver starts: {@code
 * SPARK_LOCAL_IP=127.0.0.1}, where the master and workers bind, and {@code SPARK_HOME}, a
 * directory with a {@code jars} folder (a Spark distribution, or an empty folder when the
 * classpath already holds Spark), which Spark's workers require.
 */
public final class LocalClusters {

  /** The only address a local run binds to. */
  public static final String LOOPBACK = "127.0.0.1";

  /** The environment variable sizing TensorFlow's pool of threads within an op. */
  public static final String INTRA_OP_THREADS = "TF_NUM_INTRAOP_THREADS";
  /** The environment variable sizing TensorFlow's pool of threads running ops in parallel. */
  public static final String INTER_OP_THREADS = "TF_NUM_INTEROP_THREADS";

  private static final Pattern LOCAL_CLUSTER =
      Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");

  private LocalClusters() {}

  /** True for the masters run on this machine ({@code local...}). */
  public static boolean isLocal(String master) {
    return master.startsWith("local");
  }

  /**
   * Sets {@code master} on {@code builder} with, for a local master, the settings above; fails
   * naming the missing environment variable or the malformed master.
   */
  public static SparkSession.Builder configure(SparkSession.Builder builder, String master) {
    builder.master(master);
    if (!isLocal(master)) {
      return builder;
    }
    builder.config("spark.driver.host", LOOPBACK)
        .config("spark.driver.bindAddress", LOOPBACK)
        .config("spark.ui.enabled", "false");
    if (master.startsWith("local-cluster")) {
      Matcher m = LOCAL_CLUSTER.matcher(master);
      if (!m.matches()) {
        throw new SparkInferenceException("master " + master
            + " is not local-cluster[workers,coresPerWorker,memoryPerWorkerMB]");
      }
      checkEnvironment(master);
      String scalaVersion = scala.util.Properties.versionNumberString();
      builder.config("spark.executor.extraClassPath", absoluteClassPath())
          .config("spark.executorEnv.SPARK_SCALA_VERSION",
              scalaVersion.substring(0, scalaVersion.lastIndexOf('.')))
          .config("spark.executor.memory", m.group(3) + "m")
          .config("spark.executorEnv." + INTRA_OP_THREADS, m.group(2))
          .config("spark.executorEnv." + INTER_OP_THREADS, m.group(2));
    }
    return builder;
  }

  /** This JVM's classpath with absolute entries: executors run in other working directories. */
  static String absoluteClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The number of executor JVMs of a {@code local-cluster} master, else 0. */
  public static int executorJvms(String master) {
    Matcher m = LOCAL_CLUSTER.matcher(master);
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }

  /**
   * Waits until {@code n} executors have registered with the driver, so that timings do not
   * include their start; fails after {@code timeout}.
   */
  public static void awaitExecutors(SparkSession spark, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (spark.sparkContext().getExecutorMemoryStatus().size() - 1 < n) {
      if (System.nanoTime() > deadline) {
        throw new SparkInferenceException(n + " executors did not register within "
            + timeout.toSeconds() + " s (registered: "
            + (spark.sparkContext().getExecutorMemoryStatus().size() - 1) + ")");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SparkInferenceException("interrupted while waiting for executors", e);
      }
    }
  }

  private static void checkEnvironment(String master) {
    String ip = System.getenv("SPARK_LOCAL_IP");
    if (ip == null || !ip.startsWith("127.")) {
      throw new SparkInferenceException(master + " starts a Spark master and workers that bind"
          + " to SPARK_LOCAL_IP, which is " + (ip == null ? "not set" : ip)
          + "; set SPARK_LOCAL_IP=" + LOOPBACK + " before starting the driver");
    }
    String home = System.getenv("SPARK_HOME");
    if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
      throw new SparkInferenceException(master + " launches executors through Spark's workers,"
          + " which need SPARK_HOME set to a directory with a jars folder (a Spark distribution,"
          + " or an empty folder when the classpath holds Spark); SPARK_HOME is "
          + (home == null ? "not set" : home + ", which has no jars folder"));
    }
  }
}
