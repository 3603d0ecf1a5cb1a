package org.nsl4j.keras.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.mixedprecision.Policy;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.profiler.ExecutedGraph;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.RewriterConfig;

class SessionOptionsTest {

  private static Sequential convNet() {
    return new Sequential(new InputLayer("x", 8, 8, 1), new Conv2D(4, 3, "relu"),
        new Flatten(), new Dense(3));
  }

  /** The kernels the model's predict ran, after Grappler. */
  private static ExecutedGraph executedPredict(Model model) {
    try (Tensor x = FeatureArray.ofFloats(new float[2 * 64], 2, 8, 8, 1).toTensor()) {
      return ExecutedGraph.of(model.session().runner()
          .feed(model.inputPlaceholder(), x).fetch(model.output()));
    }
  }

  @Test
  void optionsBecomeTheConfigProto() {
    ConfigProto proto = SessionOptions.defaults().interOpParallelismThreads(3)
        .optimizerOption("constant_folding", false).optimizerOption("disable_meta_optimizer", true)
        .toConfigProto();
    assertEquals(3, proto.getInterOpParallelismThreads());
    assertTrue(proto.getUsePerSessionThreads());
    assertEquals(0, proto.getIntraOpParallelismThreads());
    RewriterConfig rewrites = proto.getGraphOptions().getRewriteOptions();
    assertEquals(RewriterConfig.Toggle.OFF, rewrites.getConstantFolding());
    assertTrue(rewrites.getDisableMetaOptimizer());
    assertEquals(RewriterConfig.Toggle.DEFAULT, rewrites.getAutoMixedPrecisionOnednnBfloat16());
    ConfigProto defaults = SessionOptions.defaults().toConfigProto();
    assertFalse(defaults.getUsePerSessionThreads());
    assertEquals(RewriterConfig.getDefaultInstance(),
        defaults.getGraphOptions().getRewriteOptions());
  }

  @Test
  void badCountsAndNamesNameTheAllowedValues() {
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
        () -> SessionOptions.defaults().intraOpParallelismThreads(0));
    assertEquals("intraOpParallelismThreads must be a positive number of threads (1, 2, ...),"
        + " got 0", threads.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SessionOptions.defaults().interOpParallelismThreads(-2));
    IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
        () -> SessionOptions.defaults().optimizerOption("constant_fold", true));
    assertTrue(option.getMessage().startsWith("unknown Grappler optimizer option"
        + " 'constant_fold'; allowed: "), option.getMessage());
    assertTrue(option.getMessage().contains("constant_folding, "), option.getMessage());
    assertTrue(SessionOptions.optimizerOptionNames().contains("remapping"));
    assertFalse(SessionOptions.optimizerOptionNames().contains("optimizers"));
    assertThrows(IllegalArgumentException.class,
        () -> SessionOptions.defaults().policy("mixed_bfloat"));
  }

  @Test
  void aGraphRewriteSwitchedOffIsObservedInTheExecutedGraph() {
    try (Sequential fused = convNet(); Sequential plain = convNet()) {
      plain.sessionOptions(SessionOptions.defaults().optimizerOption("remapping", false));
      ExecutedGraph withRemapping = executedPredict(fused);
      ExecutedGraph without = executedPredict(plain);
      assertTrue(withRemapping.count("FusedConv2D", DataType.DT_FLOAT) > 0,
          withRemapping.opTypesIn(DataType.DT_FLOAT).toString());
      assertEquals(0, without.count("FusedConv2D", DataType.DT_FLOAT),
          without.opTypesIn(DataType.DT_FLOAT).toString());
      assertFalse(plain.sessionOptions().optimizerOptions().get("remapping"));
    }
  }

  @Test
  void interOpThreadsGiveTheSessionItsOwnPool() throws IOException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    // TensorFlow's native threads carry no name of their own: they show as "java"
    long before = threadsNamed("java");
    try (Graph g = new Graph();
        Session s = new Session(g,
            SessionOptions.defaults().interOpParallelismThreads(3).configForNewSession())) {
      assertEquals(before + 3, threadsNamed("java"));
    }
  }

  @Test
  void theProcessWideIntraOpPoolCannotBeResizedLater() {
    try (Sequential model = convNet()) {
      model.session();
      int cores = Runtime.getRuntime().availableProcessors();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> SessionOptions.defaults().intraOpParallelismThreads(cores + 1)
              .configForNewSession());
      assertTrue(e.getMessage().contains("one intra-op pool per process"), e.getMessage());
      IllegalStateException late = assertThrows(IllegalStateException.class,
          () -> model.sessionOptions(SessionOptions.defaults()));
      assertTrue(late.getMessage().contains("before the model's first fit"), late.getMessage());
      assertSame(Policy.FLOAT32, model.sessionOptions().policy());
    }
  }

  private static long threadsNamed(String name) throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks.filter(t -> {
        try {
          return Files.readString(t.resolve("comm")).trim().equals(name);
        } catch (IOException e) {
          return false;
        }
      }).count();
    }
  }
}
