package org.nsl4j.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local files under another scheme ({@code nsltest:}), so that the tests read a model from a
 * Hadoop file system that is not {@code file:} and executors must copy it, as from HDFS or S3.
 */
public class LocalAliasFileSystem extends RawLocalFileSystem {

  private static final URI ROOT = URI.create(TestSpark.ALIAS_SCHEME + ":///");

  @Override
  public URI getUri() {
    return ROOT;
  }

  @Override
  public String getScheme() {
    return TestSpark.ALIAS_SCHEME;
  }
}
