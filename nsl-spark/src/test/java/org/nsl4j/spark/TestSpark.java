package org.nsl4j.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Spark session of the tests, shared by every test class of the JVM: {@code
 * local-cluster[2,1,1024]}, two executor JVMs of one core each, bound to 127.0.0.1. The build
 * sets SPARK_LOCAL_IP and SPARK_HOME; where Spark cannot start, the tests using it are skipped
 * with the reason. As a JUnit extension ({@code @ExtendWith(TestSpark.class)}) it stops the
 * session once every test has run, before the JVM exits (stopping it in Spark's own shutdown
 * hook makes the local master relaunch the executors it is killing).
 */
public final class TestSpark implements BeforeAllCallback {

  public static final String MASTER = "local-cluster[2,1,1024]";
  /** The scheme of {@link LocalAliasFileSystem}, a non-local Hadoop file system. */
  static final String ALIAS_SCHEME = "nsltest";

  private static SparkSession session;
  private static String failure;

  /** Registers the session's stop for the end of the whole test run. */
  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(TestSpark.class, k -> (ExtensionContext.Store.CloseableResource)
            TestSpark::stop);
  }

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
        LocalClusters.awaitExecutors(s, 2, Duration.ofSeconds(120));
        session = s;
      } catch (Exception | LinkageError e) {
        failure = e.toString();
      }
    }
    assumeTrue(failure == null,
        "Spark cannot start " + MASTER + " here (" + failure + "): Spark tests skipped");
    return session;
  }

  private static synchronized void stop() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }
}
