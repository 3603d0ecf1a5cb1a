package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the calls of a functional model's config: a layer's {@code inbound_nodes} (Keras 2: one
 * list of {@code ["name", node, tensor, {kwargs}]} per call; Keras 3: one {@code {"args": [...],
 * "kwargs": {...}}} per call, tensors marked by {@code keras_history}) and the model's {@code
 * input_layers} / {@code output_layers}.
 */
final class InboundNodes {

  private final String model;
  private final String origin;
  private boolean keras3;

  InboundNodes(String model, String origin) {
    this.model = model;
    this.origin = origin;
  }

  /** Whether a Keras 3 node was seen. */
  boolean sawKeras3() {
    return keras3;
  }

  /** The calls of {@code layer}: for each, the tensors it takes, in order. */
  List<List<TensorRef>> calls(JsonNode layer) {
    String name = layer.path("config").path("name").asText(layer.path("name").asText(""));
    List<List<TensorRef>> calls = new ArrayList<>();
    for (JsonNode node : layer.path("inbound_nodes")) {
      List<TensorRef> inputs = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(t -> inputs.add(ref(t, name)));
      } else if (node.isObject()) {
        keras3 = true;
        collect(node.path("args"), inputs, name);
        List<TensorRef> keywordTensors = new ArrayList<>();
        collect(node.path("kwargs"), keywordTensors, name);
        if (!keywordTensors.isEmpty()) {
          throw error("layer '" + name + "' is called with tensors as keyword arguments ("
              + node.path("kwargs") + "); only positional tensor inputs can be rebuilt");
        }
      } else {
        throw error("layer '" + name + "' has an inbound node " + node
            + ", expected a list of tensors or {\"args\": ..., \"kwargs\": ...}");
      }
      if (inputs.isEmpty()) {
        throw error("layer '" + name + "' has a call without tensor inputs: " + node);
      }
      calls.add(inputs);
    }
    return calls;
  }

  /** Every Keras 3 tensor in a node's args, depth first, in order. */
  private void collect(JsonNode value, List<TensorRef> into, String layer) {
    if (value.isObject() && value.path("class_name").asText("").equals("__keras_tensor__")) {
      into.add(ref(value.path("config").path("keras_history"), layer));
    } else if (value.isArray()) {
      value.forEach(v -> collect(v, into, layer));
    } else if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        collect(it.next().getValue(), into, layer);
      }
    }
  }

  /** {@code ["name", node, tensor]} (a fourth element, Keras 2's call kwargs, is ignored). */
  private TensorRef ref(JsonNode t, String layer) {
    if (!t.isArray() || t.size() < 3 || !t.get(0).isTextual() || !t.get(1).canConvertToInt()
        || !t.get(2).canConvertToInt()) {
      throw error("layer '" + layer + "' refers to tensor " + t
          + ", expected [\"layer name\", node index, tensor index]");
    }
    return new TensorRef(t.get(0).asText(), t.get(1).asInt(), t.get(2).asInt());
  }

  /**
   * The model's inputs or outputs: one {@code ["name", node, tensor]} (Keras 3, one tensor) or a
   * list of them; a dict of named tensors (Keras 3) in its order.
   */
  List<TensorRef> endpoints(JsonNode node, String field) {
    List<TensorRef> refs = new ArrayList<>();
    if (node.isArray() && node.size() == 3 && node.get(0).isTextual()) {
      refs.add(ref(node, field));
    } else if (node.isArray() || node.isObject()) {
      for (JsonNode t : node) {
        refs.addAll(endpoints(t, field));
      }
    }
    if (refs.isEmpty()) {
      throw error("'" + field + "' is " + node + ", expected [\"layer name\", node, tensor] or a"
          + " list of them");
    }
    return refs;
  }

  private SavedModelException error(String what) {
    return new SavedModelException("the Functional model '" + model + "' in " + origin + ": "
        + what);
  }
}
