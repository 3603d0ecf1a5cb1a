package org.nsl4j.keras.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.nsl4j.keras.data.Features;

/**
 * A directory holding MNIST-style IDX files: {@code <prefix>-images-idx3-ubyte} and
 * {@code <prefix>-labels-idx1-ubyte}, each possibly with {@code .gz}, for the prefixes
 * {@link #TRAIN} and {@link #TEST}.
 */
final class IdxDir {

  /** File name prefix of the training split. */
  static final String TRAIN = "train";
  /** File name prefix of the test split. */
  static final String TEST = "t10k";

  private final Path dir;
  private final String role;

  private IdxDir(Path dir, String role) {
    this.dir = dir;
    this.role = role;
  }

  /** The existing directory {@code dir}; {@code role} (e.g. "data dir") is for messages. */
  static IdxDir open(Path dir, String role) throws NoSuchFileException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "the " + role + " does not exist");
    }
    return new IdxDir(dir, role);
  }

  static String imagesName(String prefix) {
    return prefix + "-images-idx3-ubyte";
  }

  static String labelsName(String prefix) {
    return prefix + "-labels-idx1-ubyte";
  }

  Path path() {
    return dir;
  }

  /**
   * Whether both files of {@code prefix} are present; false when neither is. Only one of them
   * is an error naming the other.
   */
  boolean hasPair(String prefix) throws NoSuchFileException {
    Optional<Path> images = find(imagesName(prefix));
    Optional<Path> labels = find(labelsName(prefix));
    if (images.isPresent() != labels.isPresent()) {
      throw missing(images.isPresent() ? labelsName(prefix) : imagesName(prefix),
          "its pair " + (images.isPresent() ? images : labels).get().getFileName() + " is there");
    }
    return images.isPresent();
  }

  /** An error naming {@code base[.gz]} as missing here, with {@code detail}. */
  NoSuchFileException missing(String base, String detail) {
    return new NoSuchFileException(
        dir.resolve(base) + "[.gz]", null, "missing from the " + role + " (" + detail + ")");
  }

  /** Reads the pair of {@code prefix}, each file required, as a split described by {@code what}. */
  Split read(String prefix, SplitSource.Origin origin, String what) throws IOException {
    Path images = require(imagesName(prefix));
    Path labels = require(labelsName(prefix));
    Features examples = Idx.readLabeledImages(images, labels);
    return Split.of(examples, origin, what + " " + dir + ": " + images.getFileName() + ", "
        + labels.getFileName() + " (" + Split.summary(examples) + ")");
  }

  private Path require(String base) throws NoSuchFileException {
    return find(base).orElseThrow(() -> missing(base, "expected " + base + " or " + base + ".gz"));
  }

  /** {@code base} or, when absent, {@code base.gz}. */
  private Optional<Path> find(String base) {
    for (String name : new String[] {base, base + ".gz"}) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }
}
