package org.nsl4j.savedmodel;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.ObjectReference;
import org.tensorflow.types.TBool;

/**
 * Explains why running a signature failed. The common case is a variable the checkpoint did not
 * restore: the explanation then lists every such variable and, for a Keras 3 model written by
 * {@code tf.saved_model.save}, says how to re-export it.
 */
final class RunFailure {

  private static final int LISTED = 8;

  private RunFailure() {}

  static SavedModelException explain(
      LoadedModel model, SignatureInfo signature, RuntimeException e) {
    String first = VariableFiles.firstLine(e.getMessage());
    String prefix = "signature '" + signature.key() + "' of " + model.dir() + " failed: ";
    if (!first.contains("Could not find variable") && !first.contains("uninitialized")
        && !first.contains("not initialized")) {
      return new SavedModelException(prefix + first, e);
    }
    return new SavedModelException(missingVariables(model, prefix), e);
  }

  /** {@code prefix}, then which variables are missing and how to export the model again. */
  private static String missingVariables(LoadedModel model, String prefix) {
    List<String> missing = uninitialized(model.bundle());
    int total = VariableFiles.variableNames(model.metaGraph()).size();
    StringBuilder s = new StringBuilder(prefix)
        .append("variables missing from the checkpoint ")
        .append(VariableFiles.index(model.dir()).getParent()).append(": ");
    s.append(String.join(", ", missing.subList(0, Math.min(LISTED, missing.size()))));
    if (missing.size() > LISTED) {
      s.append(", ... (").append(missing.size()).append(" of ").append(total)
          .append(" variables)");
    }
    s.append(". ");
    if (looksLikeKeras3(model.metaGraph())) {
      s.append("This model was saved with Keras 3 and tf.saved_model.save, which can leave layer"
          + " weights out of the checkpoint; re-export it in Python with model.export(dir).");
    } else {
      s.append("The SavedModel was saved without these values; export it again.");
    }
    return s.toString();
  }

  /** Variables of the loaded graph that hold no value. */
  private static List<String> uninitialized(SavedModelBundle bundle) {
    Ops tf = Ops.create(bundle.graph()).withSubScope("variable_check");
    List<String> names = new ArrayList<>();
    Session.Runner runner = bundle.session().runner();
    bundle.graph().operations().forEachRemaining(op -> probe(tf, op, names, runner));
    List<String> missing = new ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        if (!((TBool) r.get(i)).getBoolean()) {
          missing.add(names.get(i));
        }
      }
    }
    return missing;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void probe(Ops tf, GraphOperation op, List<String> names, Session.Runner runner) {
    if (op.type().equals("VarHandleOp")) {
      names.add(op.name());
      runner.fetch(tf.varIsInitializedOp((Operand) op.output(0)));
    } else if (op.type().equals("VariableV2")) {
      names.add(op.name());
      runner.fetch(tf.isVariableInitialized((Operand) op.output(0)));
    }
  }

  /** Keras 3 objects track their layers' {@code _inbound_nodes}; Keras 2 ones use keras_api. */
  static boolean looksLikeKeras3(MetaGraphDef metaGraph) {
    for (SavedObject node : metaGraph.getObjectGraphDef().getNodesList()) {
      for (ObjectReference child : node.getChildrenList()) {
        if (child.getLocalName().equals("_inbound_nodes")
            || child.getLocalName().equals("_functional")) {
          return true;
        }
      }
    }
    return false;
  }
}
