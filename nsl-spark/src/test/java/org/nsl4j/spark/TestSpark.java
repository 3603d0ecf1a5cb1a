package org.nsl4j.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of the tests, shared by every test class of the JVM: {@code
 * local-cluster[2,1,1024]}, two executor JVMs of one core each, bound to 127.0.0.1. The build
 * sets SPARK_LOCAL_IP and SPARK_HOME; where Spark cannot start, the tests using it are skipped
 * with the reason.
 */
public final class TestSpark {

  public static final String MASTER = "local-cluster[2,1,1024]";
  /** The scheme of {@link LocalAliasFileSystem}, a non-local Hadoop file system. */
  static final String ALIAS_SCHEME = "nsltest";

  private static SparkSession session;
  private static String failure;

  private TestSpark() {}

  /** The shared session, started on first use; skips the calling test if Spark cannot start. */
  public static synchronized SparkSession session() {
    if (session == null && failure == null) {
      try {
        String home = System.getenv("SPARK_HOME");
        if (home != null) {
          Files.createDirectories(Path.of(home, "jars"));
        }
        SparkSession s = LocalClusters.configure(SparkSession.builder(), MASTER)
            .appName("nsl-spark tests")
            .config("spark.hadoop.fs." + ALIAS_SCHEME + ".impl",
                LocalAliasFileSystem.class.getName())
            .getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        LocalClusters.awaitExecutors(s, 2, Duration.ofSeconds(90));
        session = s;
      } catch (Exception | LinkageError e) {
        failure = e.toString();
      }
    }
    assumeTrue(failure == null,
        "Spark cannot start " + MASTER + " here (" + failure + "): Spark tests skipped");
    return session;
  }
}
