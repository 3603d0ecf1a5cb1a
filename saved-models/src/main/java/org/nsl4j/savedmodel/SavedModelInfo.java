package org.nsl4j.savedmodel;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/**
 * What a SavedModel directory declares, read from its {@code saved_model.pb} without loading
 * TensorFlow: its tag sets and, per tag set, its signatures. Reading fails with a {@link
 * SavedModelException} naming the directory or file when it is missing or corrupt.
 */
public final class SavedModelInfo {

  /** The signature TensorFlow uses to run a TF2 model's initializers; not a callable function. */
  static final String INIT_OP_SIGNATURE = "__saved_model_init_op";

  private final Path dir;
  private final Path file;
  private final SavedModel proto;

  private SavedModelInfo(Path dir, Path file, SavedModel proto) {
    this.dir = dir;
    this.file = file;
    this.proto = proto;
  }

  /** Reads {@code dir/saved_model.pb} (or {@code saved_model.pbtxt}). */
  public static SavedModelInfo read(Path dir) {
    if (!Files.exists(dir)) {
      throw new SavedModelException("no SavedModel at " + dir + ": the directory does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new SavedModelException(
          dir + " is a file, not a SavedModel directory (expected a directory holding"
              + " saved_model.pb and variables/)");
    }
    Path binary = dir.resolve("saved_model.pb");
    Path text = dir.resolve("saved_model.pbtxt");
    Path file = Files.exists(binary) || !Files.exists(text) ? binary : text;
    if (!Files.isRegularFile(file)) {
      throw new SavedModelException(
          file + " not found: " + dir + " is not a SavedModel directory (expected saved_model.pb"
              + " and variables/)");
    }
    SavedModel proto;
    try {
      proto = file == text ? parseText(file) : SavedModel.parseFrom(Files.readAllBytes(file));
    } catch (InvalidProtocolBufferException | TextFormat.ParseException e) {
      throw new SavedModelException(
          file + " is corrupt: not a SavedModel protocol buffer (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new SavedModelException("cannot read " + file + ": " + e, e);
    }
    if (proto.getMetaGraphsCount() == 0
        || proto.getMetaGraphsList().stream().allMatch(m -> m.getGraphDef().getNodeCount() == 0)) {
      throw new SavedModelException(
          file + " is corrupt: it holds no graph (expected at least one MetaGraph with nodes)");
    }
    return new SavedModelInfo(dir, file, proto);
  }

  private static SavedModel parseText(Path file) throws IOException {
    SavedModel.Builder builder = SavedModel.newBuilder();
    TextFormat.merge(Files.readString(file, StandardCharsets.UTF_8), builder);
    return builder.build();
  }

  /** The SavedModel directory. */
  public Path dir() {
    return dir;
  }

  /** The {@code saved_model.pb} (or {@code .pbtxt}) file read. */
  public Path file() {
    return file;
  }

  /** The tag set of each MetaGraph, e.g. {@code [[serve]]}. */
  public List<Set<String>> tagSets() {
    return proto.getMetaGraphsList().stream()
        .map(m -> Collections.unmodifiableSet(new LinkedHashSet<>(m.getMetaInfoDef().getTagsList())))
        .toList();
  }

  /** The callable signatures of the MetaGraph tagged exactly {@code tags}, by key. */
  public Map<String, SignatureInfo> signatures(String... tags) {
    Map<String, SignatureInfo> signatures = new LinkedHashMap<>();
    new TreeMap<>(metaGraph(tags).getSignatureDefMap()).forEach((key, def) -> {
      if (!key.equals(INIT_OP_SIGNATURE)) {
        signatures.put(key, SignatureInfo.of(key, def));
      }
    });
    return Collections.unmodifiableMap(signatures);
  }

  /** The TensorFlow version that wrote the MetaGraph tagged {@code tags} (may be empty). */
  public String tensorflowVersion(String... tags) {
    return metaGraph(tags).getMetaInfoDef().getTensorflowVersion();
  }

  /** The MetaGraph tagged exactly {@code tags} (in any order), as TensorFlow's loader picks it. */
  MetaGraphDef metaGraph(String... tags) {
    Set<String> wanted = Set.of(tags);
    return proto.getMetaGraphsList().stream()
        .filter(m -> Set.copyOf(m.getMetaInfoDef().getTagsList()).equals(wanted))
        .findFirst()
        .orElseThrow(() -> new SavedModelException(
            "no MetaGraph tagged " + Arrays.toString(tags) + " in " + file + " (its tag sets: "
                + tagSets() + ")"));
  }

  @Override
  public String toString() {
    return "SavedModel " + dir + " " + tagSets();
  }
}
