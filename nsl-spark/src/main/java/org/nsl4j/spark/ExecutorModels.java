package org.nsl4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.nsl4j.savedmodel.LoadedModel;
import org.nsl4j.savedmodel.SavedModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SavedModels loaded in this JVM (an executor, or the driver), by model URI and tags: each is
 * loaded once, shared by every task and thread of the JVM (TensorFlow sessions run concurrently),
 * and closed, with its local copy deleted, by a JVM shutdown hook.
 */
public final class ExecutorModels {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
  private static final Map<String, Entry> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "nsl4j-models"));
  }

  private record Entry(LoadedModel model, Path copy) {}

  private ExecutorModels() {}

  /** The model, loaded on first use in this JVM; {@code conf} reads remote file systems. */
  public static LoadedModel get(ModelSource source, Configuration conf) {
    return MODELS.computeIfAbsent(source.key(), k -> load(source, conf)).model();
  }

  /** How many times this JVM has loaded the model at {@code uri} (1 once loaded). */
  public static int loads(String uri) {
    AtomicInteger n = LOADS.get(uri);
    return n == null ? 0 : n.get();
  }

  private static Entry load(ModelSource source, Configuration conf) {
    long start = System.nanoTime();
    Path dir;
    try {
      dir = source.localDir(conf);
    } catch (IOException e) {
      throw new SparkInferenceException(
          "cannot copy model " + source.uri() + " to a local directory: " + e, e);
    }
    boolean copied = !source.isLocal(conf);
    try {
      LoadedModel model = LoadedModel.load(dir, source.tags().toArray(String[]::new));
      LOADS.computeIfAbsent(source.uri(), k -> new AtomicInteger()).incrementAndGet();
      LOG.info("loaded {} in {} ms{}", source.uri(), (System.nanoTime() - start) / 1_000_000,
          copied ? " (copied to " + dir + ")" : "");
      return new Entry(model, copied ? dir.getParent() : null);
    } catch (SavedModelException e) {
      if (copied) {
        TempDirs.delete(dir.getParent());
      }
      throw new SparkInferenceException("model " + source.uri() + ": " + e.getMessage(), e);
    }
  }

  private static void closeAll() {
    List<Entry> entries = new ArrayList<>(MODELS.values());
    MODELS.clear();
    for (Entry e : entries) {
      e.model().close();
      if (e.copy() != null) {
        TempDirs.delete(e.copy());
      }
    }
  }
}
