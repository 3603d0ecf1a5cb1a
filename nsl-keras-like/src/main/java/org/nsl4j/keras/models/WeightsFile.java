package org.nsl4j.keras.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nsl4j.keras.backend.Backend;
import org.nsl4j.keras.layers.Weight;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Saves and restores variables as a TensorFlow checkpoint (V2 format, readable by Python's
 * {@code tf.train.load_checkpoint}), keyed by Keras weight names such as {@code conv2d/kernel}
 * (optimizer slots by their variable names, e.g. {@code Adam/conv2d/kernel/m}).
 */
final class WeightsFile {

  private final Backend backend;
  private final List<Weight> entries;
  private final Placeholder<TString> prefix;
  private final Op save;
  private final List<Operand<?>> restored;
  private final List<Op> assigns = new ArrayList<>();

  WeightsFile(Backend backend, List<Weight> entries) {
    this.backend = backend;
    this.entries = List.copyOf(entries);
    Ops tf = backend.tf().withSubScope(backend.uniqueName("weights_file"));
    prefix = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    String[] names = entries.stream().map(Weight::name).toArray(String[]::new);
    Operand<TString> keys = tf.constant(Shape.of(names.length), DataBuffers.ofObjects(names));
    String[] whole = new String[names.length];
    Arrays.fill(whole, "");
    Operand<TString> slices = tf.constant(Shape.of(names.length), DataBuffers.ofObjects(whole));
    save = tf.train.save(prefix, keys, slices,
        entries.stream().<Operand<?>>map(Weight::variable).toList());
    List<Class<? extends TType>> types = new ArrayList<>();
    entries.forEach(w -> types.add(TFloat32.class));
    restored = List.copyOf(tf.train.restore(prefix, keys, slices, types).tensors());
    for (int i = 0; i < entries.size(); i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> value = (Operand<TFloat32>) restored.get(i);
      assigns.add(tf.assign(entries.get(i).variable(), value));
    }
  }

  void save(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    run(path, List.of(save), "save weights to");
  }

  /**
   * Restores every variable. All saved values are read and their shapes checked first, so a
   * mismatched or incomplete checkpoint changes nothing.
   */
  void load(Path path) throws IOException {
    if (!Files.exists(Path.of(path + ".index"))) {
      throw new NoSuchFileException(path + ".index", null,
          "no weights checkpoint there (expected the files written by saveWeights)");
    }
    Session.Runner runner = backend.session().runner();
    restored.forEach(runner::fetch);
    try (TString p = TString.scalarOf(path.toString()); Result r = runner.feed(prefix, p).run()) {
      for (int i = 0; i < entries.size(); i++) {
        Shape saved = r.get(i).shape();
        if (!saved.equals(entries.get(i).shape())) {
          throw new IOException("cannot load weights from " + path + ": '" + entries.get(i).name()
              + "' is saved with shape " + saved + " but the model's has shape "
              + entries.get(i).shape());
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("cannot load weights from " + path + ": " + firstLine(e.getMessage()), e);
    }
    run(path, assigns, "load weights from");
  }

  private void run(Path path, List<Op> targets, String what) throws IOException {
    Session.Runner runner = backend.session().runner();
    targets.forEach(runner::addTarget);
    try (TString p = TString.scalarOf(path.toString())) {
      runner.feed(prefix, p).run().close();
    } catch (RuntimeException e) {
      throw new IOException("cannot " + what + " " + path + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
