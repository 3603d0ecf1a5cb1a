package org.nsl4j.savedmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * A signature's feeds and fetches resolved to graph outputs once, so that every call of it only
 * binds tensors: no name lookups and no signature parsing per call. Safe to share across threads.
 */
final class SignatureCall {

  private final Map<String, Output<?>> inputs = new LinkedHashMap<>();
  private final List<String> outputKeys;
  private final List<Output<?>> outputs = new ArrayList<>();

  SignatureCall(Graph graph, SignatureInfo signature) {
    signature.inputs().forEach((k, spec) -> inputs.put(k, graph.outputOrThrow(spec.tensorName())));
    outputKeys = List.copyOf(signature.outputs().keySet());
    signature.outputs().values().forEach(spec -> outputs.add(graph.outputOrThrow(spec.tensorName())));
  }

  /** The output keys, in the order {@link #run} returns their tensors. */
  List<String> outputKeys() {
    return outputKeys;
  }

  /**
   * Runs the signature on tensors keyed by its input keys (already checked); the result holds
   * one tensor per output key, in {@link #outputKeys()} order. The caller closes it.
   */
  Result run(Session session, Map<String, Tensor> tensors) {
    Session.Runner runner = session.runner();
    inputs.forEach((k, output) -> runner.feed(output, tensors.get(k)));
    outputs.forEach(runner::fetch);
    return runner.run();
  }
}
