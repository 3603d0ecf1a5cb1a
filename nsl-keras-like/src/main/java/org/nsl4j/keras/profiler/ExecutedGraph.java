package org.nsl4j.keras.profiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.RunOptions;

/**
 * The graph TensorFlow executed for one run, after Grappler's rewrites (fusions, oneDNN kernels,
 * mixed-precision casts): the partition graphs of the run's metadata. It shows, for instance,
 * which kernels a {@code mixed_bfloat16} policy really runs in bfloat16.
 *
 * @param nodes every node of every partition graph
 */
public record ExecutedGraph(List<NodeDef> nodes) {

  public ExecutedGraph {
    nodes = List.copyOf(nodes);
  }

  /** Runs {@code runner} once (its feeds, fetches and targets), keeping the executed graph. */
  public static ExecutedGraph of(Session.Runner runner) {
    runner.setOptions(RunOptions.newBuilder().setOutputPartitionGraphs(true).build());
    try (Result r = runner.runAndFetchMetadata()) {
      List<NodeDef> nodes = new ArrayList<>();
      for (GraphDef g : r.getMetadata().orElseThrow().getPartitionGraphsList()) {
        nodes.addAll(g.getNodeList());
      }
      return new ExecutedGraph(nodes);
    }
  }

  /** Op type → number of nodes whose element type ({@code T}) is {@code dtype}, sorted by type. */
  public Map<String, Integer> opTypesIn(DataType dtype) {
    Map<String, Integer> counts = new TreeMap<>();
    for (NodeDef n : nodes) {
      if (n.containsAttr("T") && n.getAttrOrThrow("T").getType() == dtype) {
        counts.merge(n.getOp(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The number of nodes of a type containing {@code fragment} (e.g. {@code Conv2D}) in {@code dtype}. */
  public int count(String fragment, DataType dtype) {
    return opTypesIn(dtype).entrySet().stream().filter(e -> e.getKey().contains(fragment))
        .mapToInt(Map.Entry::getValue).sum();
  }
}
