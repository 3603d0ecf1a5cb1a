package org.nsl4j.savedmodel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * The part of a graph an output depends on: the nodes reachable backwards from it through data
 * and control inputs. Training branches, optimizer slots and initializers fall away.
 */
final class InferenceGraph {

  private InferenceGraph() {}

  /** The nodes {@code output} (an op name) depends on, with the functions they call. */
  static GraphDef prune(GraphDef graph, String output) {
    Map<String, NodeDef> byName = new HashMap<>();
    graph.getNodeList().forEach(n -> byName.put(n.getName(), n));
    Set<String> keep = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    pending.push(output);
    while (!pending.isEmpty()) {
      String name = pending.pop();
      NodeDef node = byName.get(name);
      if (node == null) {
        throw new IllegalArgumentException("no node '" + name + "' in the graph");
      }
      if (keep.add(name)) {
        node.getInputList().forEach(input -> pending.push(opName(input)));
      }
    }
    GraphDef.Builder pruned = GraphDef.newBuilder().setVersions(graph.getVersions());
    graph.getNodeList().stream().filter(n -> keep.contains(n.getName())).forEach(pruned::addNode);
    FunctionDefLibrary.Builder library = FunctionDefLibrary.newBuilder();
    for (FunctionDef f : graph.getLibrary().getFunctionList()) {
      if (pruned.getNodeList().stream()
          .anyMatch(n -> n.getOp().equals(f.getSignature().getName()))) {
        library.addFunction(f);
      }
    }
    if (library.getFunctionCount() > 0) {
      pruned.setLibrary(library);
    }
    return pruned.build();
  }

  /** The op name of an input reference such as {@code ^init}, {@code conv2d/Conv2D:0}. */
  static String opName(String input) {
    String name = input.startsWith("^") ? input.substring(1) : input;
    int colon = name.lastIndexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
