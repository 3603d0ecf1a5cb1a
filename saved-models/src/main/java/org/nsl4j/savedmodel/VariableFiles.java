package org.nsl4j.savedmodel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * The checkpoint under {@code variables/} that holds a SavedModel's variable values: checks it is
 * there before TensorFlow loads, and explains TensorFlow's load failures by file.
 */
final class VariableFiles {

  /** Graph ops that hold variables. */
  static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "Variable", "VarHandleOp");

  /** Words of TensorFlow's messages about unreadable checkpoints (whose file it seldom names). */
  private static final List<String> CHECKPOINT_WORDS = List.of("variables", "checkpoint",
      "sstable", "bytes than requested", "Checksum", "checksum", "corrupt", "restore");

  private VariableFiles() {}

  static Path index(Path dir) {
    return dir.resolve("variables").resolve("variables.index");
  }

  /** Names of the graph's variable ops. */
  static List<String> variableNames(MetaGraphDef metaGraph) {
    return metaGraph.getGraphDef().getNodeList().stream()
        .filter(n -> VARIABLE_OPS.contains(n.getOp())).map(NodeDef::getName).toList();
  }

  /** Fails naming the missing file when the graph has variables but the checkpoint is absent. */
  static void requirePresent(Path dir, MetaGraphDef metaGraph) {
    List<String> variables = variableNames(metaGraph);
    if (variables.isEmpty()) {
      return;
    }
    String what = "the graph has " + variables.size() + " variables (e.g. " + variables.get(0)
        + ") whose values should be there";
    Path index = index(dir);
    if (!Files.isRegularFile(index)) {
      throw new SavedModelException(index + " not found: " + what);
    }
    if (!hasDataShard(index.getParent())) {
      throw new SavedModelException(
          "no variables.data-*-of-* file in " + index.getParent() + ": " + what);
    }
  }

  private static boolean hasDataShard(Path variablesDir) {
    try (DirectoryStream<Path> shards =
        Files.newDirectoryStream(variablesDir, "variables.data-*-of-*")) {
      return shards.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  /** TensorFlow's failure to load {@code dir}, with the file at fault when it is the checkpoint. */
  static SavedModelException loadFailure(Path dir, RuntimeException e) {
    String message = firstLine(e.getMessage());
    String type = e.getClass().getSimpleName();
    boolean checkpoint = type.equals("TFDataLossException") || type.equals("TFOutOfRangeException")
        || CHECKPOINT_WORDS.stream().anyMatch(message::contains);
    String target = checkpoint
        ? "cannot restore the variables of " + dir + " from " + index(dir).getParent()
            + " (variables.index and variables.data-*): the checkpoint is corrupt or does not"
            + " match the graph"
        : "TensorFlow cannot load the SavedModel in " + dir;
    return new SavedModelException(target + ": " + message, e);
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").trim();
  }
}
