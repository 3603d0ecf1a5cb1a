package org.nsl4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.nsl4j.keras.training.Trainable;

/**
 * The checkpoints of a tutorial run, in {@code <out>/checkpoints}: each phase's weights after
 * every finished epoch ({@code base/epoch-N/}, {@code adv/epoch-N/}) and {@code state.json}, the
 * {@link TrainingState} saying how far training got. An epoch's weights are written to {@code
 * epoch-N.partial/} and renamed when complete, and the state is replaced atomically after that,
 * so an interrupted run never leaves a half-written checkpoint that the state points to.
 */
final class Checkpoints {

  private static final String STATE = "state.json";
  private static final String WEIGHTS = "weights";

  private final Path dir;

  Checkpoints(Path dir) {
    this.dir = dir;
  }

  /** The checkpoints directory. */
  Path dir() {
    return dir;
  }

  /** The saved state, or empty when there is none. */
  Optional<TrainingState> readState() throws IOException {
    Path file = dir.resolve(STATE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Reports.json().readValue(file.toFile(), TrainingState.class));
    } catch (IOException e) {
      throw new IOException("cannot read the checkpoint state " + file + ": " + e.getMessage(), e);
    }
  }

  /** Weights prefix of {@code phase} after {@code epoch} epochs. */
  Path weights(String phase, int epoch) {
    return epochDir(phase, epoch).resolve(WEIGHTS);
  }

  /**
   * Saves {@code trainee}'s weights and optimizer state after {@code epoch} epochs of {@code
   * phase}, then {@code state}.
   */
  void save(String phase, int epoch, Trainable trainee, TrainingState state)
      throws IOException {
    Path done = epochDir(phase, epoch);
    Path partial = done.resolveSibling(done.getFileName() + ".partial");
    deleteTree(partial);
    trainee.saveCheckpoint(partial.resolve(WEIGHTS));
    deleteTree(done);
    Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
    Reports.write(dir.resolve(STATE), state);
  }

  /** Restores {@code trainee}'s weights and optimizer state after {@code epoch} epochs. */
  void load(String phase, int epoch, Trainable trainee) throws IOException {
    trainee.loadCheckpoint(weights(phase, epoch));
  }

  /** Deletes every checkpoint, for a fresh start. */
  void clear() throws IOException {
    deleteTree(dir);
  }

  private Path epochDir(String phase, int epoch) {
    return dir.resolve(phase).resolve("epoch-" + epoch);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
