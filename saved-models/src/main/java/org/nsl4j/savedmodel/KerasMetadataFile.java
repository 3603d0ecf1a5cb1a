package org.nsl4j.savedmodel;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code keras_metadata.pb}, which Keras 2 (TF 2.5 and later) writes next to {@code
 * saved_model.pb}: a {@code SavedMetadata} message whose repeated field 1 holds one node per Keras
 * object, with {@code node_id} (field 2), {@code node_path} (3), {@code identifier} (4) and the
 * object's JSON {@code metadata} (5).
 */
final class KerasMetadataFile {

  static final String NAME = "keras_metadata.pb";

  private KerasMetadataFile() {}

  /** The JSON metadata of the root object (the model), if the file exists. */
  static Optional<String> rootMetadata(Path dir) {
    Path file = dir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      CodedInputStream in = CodedInputStream.newInstance(Files.readAllBytes(file));
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == 1
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          Optional<String> root = rootNodeMetadata(CodedInputStream.newInstance(
              in.readBytes().toByteArray()));
          if (root.isPresent()) {
            return root;
          }
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (IOException e) {
      throw new SavedModelException(file + " is corrupt: not a Keras SavedMetadata message ("
          + e.getMessage() + ")", e);
    }
    throw new SavedModelException(file + " holds no metadata for the root object (node 0)");
  }

  private static Optional<String> rootNodeMetadata(CodedInputStream node) throws IOException {
    int id = 0;
    String path = "";
    String metadata = null;
    for (int tag = node.readTag(); tag != 0; tag = node.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 2 -> id = node.readInt32();
        case 3 -> path = node.readStringRequireUtf8();
        case 5 -> metadata = node.readStringRequireUtf8();
        default -> node.skipField(tag);
      }
    }
    return id == 0 && (path.isEmpty() || path.equals("root"))
        ? Optional.ofNullable(metadata) : Optional.empty();
  }
}
