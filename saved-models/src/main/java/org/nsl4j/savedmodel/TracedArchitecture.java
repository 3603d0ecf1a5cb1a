package org.nsl4j.savedmodel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.ObjectReference;

/**
 * Recovers the config of a Keras 2 {@code Sequential} model saved without Keras metadata (neither
 * {@code keras_metadata.pb} nor metadata in the object graph, as some TF 2.13 exports): the
 * object graph lists the layers in order ({@code layer-0}, {@code layer-1}...) with their
 * variables, and each layer's traced call functions show its ops and settings (activation,
 * strides, padding, epsilon, dropout rate).
 */
final class TracedArchitecture {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern LAYER = Pattern.compile("layer-(\\d+)");
  private static final Pattern CALL_FN = Pattern.compile("__inference_(.+)_layer_call_fn_\\d+");
  private static final Map<String, String> ACTIVATIONS = Map.of("Relu", "relu", "Softmax",
      "softmax", "Sigmoid", "sigmoid", "Tanh", "tanh", "Elu", "elu", "Selu", "selu", "Softplus",
      "softplus");

  private final List<SavedObject> nodes;
  private final Map<String, FunctionDef> functions = new HashMap<>();

  private TracedArchitecture(MetaGraphDef metaGraph) {
    nodes = metaGraph.getObjectGraphDef().getNodesList();
    metaGraph.getGraphDef().getLibrary().getFunctionList()
        .forEach(f -> functions.put(f.getSignature().getName(), f));
  }

  /** A {@code Sequential} config, if the root object is a Keras 2 Sequential model. */
  static Optional<ObjectNode> sequentialConfig(SavedModelInfo info, MetaGraphDef metaGraph) {
    List<SavedObject> nodes = metaGraph.getObjectGraphDef().getNodesList();
    if (nodes.isEmpty()
        || !nodes.get(0).getUserObject().getIdentifier().equals("_tf_keras_sequential")) {
      return Optional.empty();
    }
    SignatureInfo serving = info.signatures(LoadedModel.SERVE).get("serving_default");
    if (serving == null || serving.inputs().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(new TracedArchitecture(metaGraph).config(serving.inputs().values()
        .iterator().next()));
  }

  private ObjectNode config(TensorSpec input) {
    ArrayNode layers = JSON.arrayNode();
    ArrayNode shape = JSON.arrayNode().addNull();
    for (int i = 1; i < input.shape().numDimensions(); i++) {
      shape.add(input.shape().get(i));
    }
    ObjectNode inputLayer = layer("InputLayer", input.key());
    config(inputLayer).set("batch_input_shape", shape);
    layers.add(inputLayer);
    TreeMap<Integer, Integer> ordered = new TreeMap<>();
    for (ObjectReference child : nodes.get(0).getChildrenList()) {
      Matcher m = LAYER.matcher(child.getLocalName());
      if (m.matches()) {
        ordered.put(Integer.parseInt(m.group(1)), child.getNodeId());
      }
    }
    ordered.values().forEach(id -> layers.add(traced(id)));
    ObjectNode config = JSON.objectNode().put("name", "sequential");
    config.set("layers", layers);
    ObjectNode root = JSON.objectNode().put("class_name", "Sequential");
    root.set("config", config);
    return root;
  }

  private static ObjectNode layer(String className, String name) {
    ObjectNode layer = JSON.objectNode().put("class_name", className);
    layer.set("config", JSON.objectNode().put("name", name));
    return layer;
  }

  /** The Keras config of the layer at object node {@code id}. */
  private ObjectNode traced(int id) {
    Map<String, SavedObject> children = new HashMap<>();
    nodes.get(id).getChildrenList()
        .forEach(c -> children.put(c.getLocalName(), nodes.get(c.getNodeId())));
    List<NodeDef> ops = new ArrayList<>();
    List<String> callNames = concreteFunctions(children.get("__call__"));
    concreteFunctions(children.get("call_and_return_all_conditional_losses"))
        .forEach(f -> ops.addAll(functions.get(f).getNodeDefList()));
    String name = callNames.stream().map(CALL_FN::matcher).filter(Matcher::matches)
        .map(m -> m.group(1)).findFirst().orElse("layer_" + id);
    SavedVariable kernel = variable(children, "kernel");
    ObjectNode layer;
    if (kernel != null && kernel.getShape().getDimCount() == 2) {
      layer = layer("Dense", name);
      config(layer).put("units", kernel.getShape().getDim(1).getSize());
      withActivation(layer, ops).put("use_bias", variable(children, "bias") != null);
    } else if (kernel != null && kernel.getShape().getDimCount() == 4) {
      layer = layer("Conv2D", name);
      config(layer).put("filters", kernel.getShape().getDim(3).getSize());
      config(layer).set("kernel_size", JSON.arrayNode().add(kernel.getShape().getDim(0).getSize())
          .add(kernel.getShape().getDim(1).getSize()));
      NodeDef conv = op(ops, "Conv2D");
      if (conv == null) {
        throw new SavedModelException("cannot find the Conv2D op of layer '" + name
            + "' in its traced functions, so not its strides and padding");
      }
      window(layer, conv, null);
      withActivation(layer, ops).put("use_bias", variable(children, "bias") != null);
    } else if (variable(children, "moving_mean") != null) {
      layer = layer("BatchNormalization", name);
      NodeDef fused = op(ops, "FusedBatchNormV3");
      config(layer)
          .put("epsilon", fused != null ? fused.getAttrOrThrow("epsilon").getF()
              : constant(ops, "batchnorm/add/y", 1e-3f))
          .put("momentum", 1f - constant(ops, "AssignMovingAvg/decay", 0.01f))
          .put("center", variable(children, "beta") != null)
          .put("scale", variable(children, "gamma") != null);
    } else if (op(ops, "MaxPool") != null || op(ops, "AvgPool") != null) {
      NodeDef pool = op(ops, "MaxPool") != null ? op(ops, "MaxPool") : op(ops, "AvgPool");
      layer = layer(pool.getOp().equals("MaxPool") ? "MaxPooling2D" : "AveragePooling2D", name);
      window(layer, pool, "pool_size");
    } else if (op(ops, "RandomUniform") != null || children.containsKey("_random_generator")) {
      layer = layer("Dropout", name);
      float keep = constant(ops, "dropout/Const", 1f);
      config(layer).put("rate", constant(ops, "dropout/GreaterEqual/y", 1f - 1f / keep));
    } else if (op(ops, "Reshape") != null) {
      layer = layer("Flatten", name);
    } else if (ops.stream().anyMatch(o -> ACTIVATIONS.containsKey(o.getOp()))) {
      layer = layer("Activation", name);
      withActivation(layer, ops);
    } else {
      throw new SavedModelException("cannot tell the Keras class of layer '" + name
          + "' from its variables " + children.keySet() + " and traced ops "
          + ops.stream().map(NodeDef::getOp).distinct().toList());
    }
    return layer;
  }

  private static ObjectNode config(ObjectNode layer) {
    return (ObjectNode) layer.get("config");
  }

  private static ObjectNode withActivation(ObjectNode layer, List<NodeDef> ops) {
    String activation = ops.stream().map(o -> ACTIVATIONS.get(o.getOp()))
        .filter(a -> a != null).findFirst().orElse("linear");
    return config(layer).put("activation", activation);
  }

  /** Strides and padding (and the window as {@code sizeField}) of a Conv2D or pooling op. */
  private static void window(ObjectNode layer, NodeDef op, String sizeField) {
    List<Long> strides = op.getAttrOrThrow("strides").getList().getIList();
    config(layer).set("strides", JSON.arrayNode().add(strides.get(1)).add(strides.get(2)));
    config(layer).put("padding",
        op.getAttrOrThrow("padding").getS().toStringUtf8().toLowerCase(Locale.ROOT));
    if (sizeField != null) {
      List<Long> size = op.getAttrOrThrow("ksize").getList().getIList();
      config(layer).set(sizeField, JSON.arrayNode().add(size.get(1)).add(size.get(2)));
    }
  }

  private static NodeDef op(List<NodeDef> ops, String type) {
    return ops.stream().filter(o -> o.getOp().equals(type)).findFirst().orElse(null);
  }

  private static float constant(List<NodeDef> ops, String name, float defaultValue) {
    return ops.stream().filter(o -> o.getOp().equals("Const") && o.getName().equals(name))
        .map(o -> o.getAttrOrDefault("value", AttrValue.getDefaultInstance()).getTensor())
        .filter(t -> t.getFloatValCount() > 0).map(t -> t.getFloatVal(0)).findFirst()
        .orElse(defaultValue);
  }

  private static SavedVariable variable(Map<String, SavedObject> children, String name) {
    SavedObject child = children.get(name);
    return child != null && child.hasVariable() ? child.getVariable() : null;
  }

  private static List<String> concreteFunctions(SavedObject function) {
    return function != null && function.hasFunction()
        ? function.getFunction().getConcreteFunctionsList() : List.of();
  }
}
