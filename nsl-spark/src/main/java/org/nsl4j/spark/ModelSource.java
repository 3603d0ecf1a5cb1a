package org.nsl4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.nsl4j.savedmodel.SavedModelException;
import org.nsl4j.savedmodel.SavedModelInfo;

/**
 * A SavedModel directory on any Hadoop file system Spark can read ({@code file:}, {@code hdfs:},
 * {@code s3a:}...), as a fully qualified URI, and the tags of the MetaGraph to load. A local
 * directory is used in place; any other is copied to a local directory first.
 */
public record ModelSource(String uri, List<String> tags) implements Serializable {

  private static final String SAVED_MODEL_PB = "saved_model.pb";

  public ModelSource {
    tags = List.copyOf(tags);
  }

  /**
   * The model at {@code path} (relative paths are resolved on the driver, so that executors,
   * whose working directories differ, find the same directory), checked to be a directory holding
   * {@code saved_model.pb}.
   */
  public static ModelSource resolve(String path, List<String> tags, Configuration conf) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try {
      FileSystem fs = p.getFileSystem(conf);
      org.apache.hadoop.fs.Path qualified = fs.makeQualified(p);
      if (!fs.exists(qualified)) {
        throw new SparkInferenceException(
            "model path " + qualified + " does not exist; expected a SavedModel directory"
                + " that the driver and every executor can read");
      }
      if (!fs.exists(new org.apache.hadoop.fs.Path(qualified, SAVED_MODEL_PB))) {
        throw new SparkInferenceException(
            "model path " + qualified + " holds no " + SAVED_MODEL_PB
                + "; expected a SavedModel directory (saved_model.pb and variables/)");
      }
      return new ModelSource(qualified.toString(), tags);
    } catch (IOException e) {
      throw new SparkInferenceException("cannot read model path " + path + ": " + e, e);
    }
  }

  /** What the SavedModel declares, read from its {@code saved_model.pb} alone. */
  public SavedModelInfo readInfo(Configuration conf) {
    try {
      if (isLocal(conf)) {
        return SavedModelInfo.read(Path.of(URI.create(uri)));
      }
      Path dir = Files.createTempDirectory("nsl4j-model-info-");
      try {
        copy(conf, SAVED_MODEL_PB, dir);
        return SavedModelInfo.read(dir);
      } finally {
        TempDirs.delete(dir);
      }
    } catch (SavedModelException e) {
      throw new SparkInferenceException("model path " + uri + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new SparkInferenceException("cannot read model path " + uri + ": " + e, e);
    }
  }

  /**
   * A local directory holding the SavedModel: the directory itself when it is local, else a copy
   * in a new temporary directory, which the caller deletes.
   */
  public Path localDir(Configuration conf) throws IOException {
    if (isLocal(conf)) {
      return Path.of(URI.create(uri));
    }
    Path dir = Files.createTempDirectory("nsl4j-model-");
    try {
      copy(conf, "", dir);
      return dir.resolve(new org.apache.hadoop.fs.Path(uri).getName());
    } catch (IOException | RuntimeException e) {
      TempDirs.delete(dir);
      throw e;
    }
  }

  /** True when the model is on the local file system, where TensorFlow reads it in place. */
  public boolean isLocal(Configuration conf) {
    try {
      return "file".equals(new org.apache.hadoop.fs.Path(uri).getFileSystem(conf).getUri()
          .getScheme());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + uri, e);
    }
  }

  private void copy(Configuration conf, String child, Path localDir) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
    org.apache.hadoop.fs.Path src = child.isEmpty() ? root : new org.apache.hadoop.fs.Path(root, child);
    root.getFileSystem(conf).copyToLocalFile(false, src,
        new org.apache.hadoop.fs.Path(localDir.toUri()), true);
  }

  /** The key of this model in the per-JVM caches. */
  public String key() {
    return uri + " " + tags;
  }
}
