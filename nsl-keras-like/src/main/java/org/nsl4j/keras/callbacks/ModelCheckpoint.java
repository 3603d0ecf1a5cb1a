package org.nsl4j.keras.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nsl4j.keras.models.Model;

/**
 * Saves the model after every epoch, or only when a monitored metric improved, as Keras's
 * {@code ModelCheckpoint}. {@code filepath} is a checkpoint prefix (TensorFlow writes {@code
 * .index} and {@code .data-*} files beside it) and may hold {@code {epoch}} and metrics of the
 * epoch, e.g. {@code ckpt/weights-{epoch:02d}-{val_loss:.2f}}. It saves the weights with the
 * optimizer state ({@code model.saveCheckpoint}, to resume training) or, with {@code
 * saveWeightsOnly}, the weights alone ({@code model.saveWeights}).
 *
 * <p>It never overwrites files it did not write: a checkpoint whose files already exist and
 * were not written by this callback is refused with an error naming them, unless {@code
 * overwrite(true)}.
 *
 * <pre>{@code
 * ModelCheckpoint best = new ModelCheckpoint("ckpt/best").monitor("val_accuracy")
 *     .saveBestOnly(true).saveWeightsOnly(true);
 * model.fit(train, FitOptions.epochs(10).validationData(val).callback(best));
 * model.loadWeights(Path.of("ckpt/best"));   // the epoch with the highest val_accuracy
 * }</pre>
 */
public final class ModelCheckpoint implements Callback {

  private static final List<String> SUFFIXES = List.of(".index", ".data-00000-of-00001");

  private final FilePattern filepath;
  private String monitor = "val_loss";
  private boolean saveBestOnly;
  private MonitorMode mode = MonitorMode.AUTO;
  private boolean saveWeightsOnly;
  private int verbose;
  private boolean overwrite;
  private final Set<Path> written = new HashSet<>();
  private Model model;
  private Monitor watched;
  private double best;

  /** A callback saving to {@code filepath} (a checkpoint prefix, with placeholders). */
  public ModelCheckpoint(String filepath) {
    this.filepath = new FilePattern(filepath);
  }

  /** The metric that decides the best epoch (default {@code val_loss}). */
  public ModelCheckpoint monitor(String monitor) {
    this.monitor = monitor;
    return this;
  }

  /** Whether to save only when the monitored metric improved (default false). */
  public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
    this.saveBestOnly = saveBestOnly;
    return this;
  }

  /** Whether the metric should fall or rise (default: from its name). */
  public ModelCheckpoint mode(MonitorMode mode) {
    this.mode = mode;
    return this;
  }

  /** Whether to save the weights without the optimizer state (default false). */
  public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
    this.saveWeightsOnly = saveWeightsOnly;
    return this;
  }

  /** 1 prints a line for every save (default 0). */
  public ModelCheckpoint verbose(int verbose) {
    this.verbose = verbose;
    return this;
  }

  /** Whether to replace others' checkpoint files rather than refuse them (default false). */
  public ModelCheckpoint overwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  @Override
  public void setModel(Model model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    watched = new Monitor(monitor, mode, 0);
    best = watched.worst();
    if (filepath.isFixed()) {
      checkOwned(Path.of(filepath.format(0, Map.of())));
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    if (saveBestOnly) {
      Double current = watched.valueIn(logs, "ModelCheckpoint");
      if (current == null) {
        return;
      }
      if (!watched.improves(current, best)) {
        say(String.format(Locale.ROOT, "Epoch %d: %s did not improve from %.5f", epoch + 1,
            monitor, best));
        return;
      }
      say(String.format(Locale.ROOT, "Epoch %d: %s improved from %.5f to %.5f, saving model to %s",
          epoch + 1, monitor, best, current, filepath.format(epoch, logs)));
      best = current;
    } else {
      say("Epoch " + (epoch + 1) + ": saving model to " + filepath.format(epoch, logs));
    }
    save(Path.of(filepath.format(epoch, logs)));
  }

  private void save(Path prefix) {
    checkOwned(prefix);
    try {
      if (saveWeightsOnly) {
        model.saveWeights(prefix);
      } else {
        model.saveCheckpoint(prefix);
      }
      written.add(prefix.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("ModelCheckpoint: " + e.getMessage(), e);
    }
  }

  /** Refuses a prefix whose files exist but were not written by this callback. */
  private void checkOwned(Path prefix) {
    if (overwrite || written.contains(prefix.toAbsolutePath())) {
      return;
    }
    for (String suffix : SUFFIXES) {
      Path file = Path.of(prefix + suffix);
      if (Files.exists(file)) {
        throw new UncheckedIOException(new FileAlreadyExistsException(file.toString(), null,
            "ModelCheckpoint does not overwrite files it did not write; remove them or choose"
                + " another filepath"));
      }
    }
  }

  private void say(String line) {
    if (verbose > 0) {
      System.out.println(line);
    }
  }
}
