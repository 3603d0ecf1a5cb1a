package org.nsl4j.spark.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.robustness.Robustness;
import org.nsl4j.spark.SparkInferenceException;

/**
 * Evaluates one partition, {@code batchSize} examples at a time: their clean predictions through
 * the signature, the attack on the classifier of the spec (each example seeded by its index in
 * the test set, so that the partitioning does not matter) and the predictions on the result. A
 * batch of one example is run as two copies of it (TensorFlow computes a single row with other
 * kernels, whose results differ in the last bits). A failure names the partition and examples.
 */
final class PartitionEvaluator
    implements Function2<Integer, Iterator<Example>, Iterator<Outcome>> {

  /** Where executors' time goes, summed over tasks, in milliseconds. */
  record Timers(LongAccumulator setupMillis, LongAccumulator evaluationMillis)
      implements Serializable {}

  private final EvaluationSpec spec;
  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final Timers timers;

  PartitionEvaluator(EvaluationSpec spec, Broadcast<SerializableConfiguration> hadoopConf,
      Timers timers) {
    this.spec = spec;
    this.hadoopConf = hadoopConf;
    this.timers = timers;
  }

  @Override
  public Iterator<Outcome> call(Integer partition, Iterator<Example> examples) {
    return new Iterator<>() {
      private Iterator<Outcome> batch = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!batch.hasNext() && examples.hasNext()) {
          batch = evaluateNext(partition, examples).iterator();
        }
        return batch.hasNext();
      }

      @Override
      public Outcome next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.next();
      }
    };
  }

  private List<Outcome> evaluateNext(int partition, Iterator<Example> examples) {
    List<Example> chunk = new ArrayList<>(spec.batchSize());
    while (chunk.size() < spec.batchSize() && examples.hasNext()) {
      chunk.add(examples.next());
    }
    try {
      long start = System.nanoTime();
      EvaluationModels.Entry models = EvaluationModels.get(spec, hadoopConf.value().value());
      long ready = System.nanoTime();
      timers.setupMillis().add((ready - start) / 1_000_000);
      synchronized (models) {
        List<Outcome> out = evaluate(models, chunk);
        timers.evaluationMillis().add((System.nanoTime() - ready) / 1_000_000);
        return out;
      }
    } catch (RuntimeException e) {
      throw new SparkInferenceException("partition " + partition + ", examples "
          + chunk.get(0).id() + ".." + chunk.get(chunk.size() - 1).id() + " of the test set: "
          + e.getMessage(), e);
    }
  }

  private List<Outcome> evaluate(EvaluationModels.Entry models, List<Example> chunk) {
    int n = chunk.size();
    int fed = Math.max(n, 2);
    int size = spec.imageSize();
    float[] x = new float[fed * size];
    long[] labels = new long[fed];
    long[] ids = new long[fed];
    for (int i = 0; i < fed; i++) {
      Example e = chunk.get(Math.min(i, n - 1));
      float[] image = e.image();
      if (image.length != size) {
        throw new IllegalArgumentException("example " + e.id() + " has " + image.length
            + " values; expected " + size);
      }
      System.arraycopy(image, 0, x, i * size, size);
      labels[i] = e.label();
      ids[i] = e.id();
    }
    long[] shape = new long[spec.imageShape().length + 1];
    shape[0] = fed;
    System.arraycopy(spec.imageShape(), 0, shape, 1, spec.imageShape().length);
    FeatureArray images = FeatureArray.ofFloats(x, shape);
    long[] clean = Robustness.predictions(models.target(), images);
    FeatureArray shown = images;
    long[] attacked = null;
    if (spec.attack() != null) {
      shown = spec.attack().generate(models.source(), images, labels, null, ids).adversarial();
      attacked = Robustness.predictions(models.target(), shown);
    }
    List<Outcome> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Outcome(ids[i], clean[i], attacked == null ? -1 : attacked[i],
          ids[i] < spec.shown() ? shown.rows(i, i + 1).floats() : null));
    }
    return out;
  }
}
