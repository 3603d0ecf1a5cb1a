package org.nsl4j.keras.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An in-memory input pipeline of feature dictionaries, shaped like {@code tf.data.Dataset}:
 * {@code fromTensorSlices(...).shuffle(buffer, seed).batch(32).map(...)}. Each iteration is one
 * pass (epoch); {@code shuffle} reshuffles on every pass, reproducibly for a given seed.
 *
 * <p>Before {@link #batch}, an element is one example whose arrays keep a leading dimension of 1;
 * after it, an element is a batch of up to {@code n} examples.
 */
public final class Dataset implements Iterable<Features> {

  private final Supplier<Iterator<Features>> passes;
  private final long cardinality;
  private final boolean batched;

  private Dataset(Supplier<Iterator<Features>> passes, long cardinality, boolean batched) {
    this.passes = passes;
    this.cardinality = cardinality;
    this.batched = batched;
  }

  /** One element per row of {@code features} (all entries must have the same number of rows). */
  public static Dataset fromTensorSlices(Features features) {
    int n = features.rows();
    return new Dataset(
        () ->
            new Iterator<>() {
              private int next;

              @Override
              public boolean hasNext() {
                return next < n;
              }

              @Override
              public Features next() {
                if (next >= n) {
                  throw new NoSuchElementException();
                }
                return features.gather(new int[] {next++});
              }
            },
        n,
        false);
  }

  /** The tuple dataset {@code (x, y)}, one element per row. */
  public static Dataset fromTensorSlices(FeatureArray x, FeatureArray y) {
    return fromTensorSlices(Features.tuple(x, y));
  }

  /** Number of elements in one pass. */
  public long cardinality() {
    return cardinality;
  }

  /** Whether elements are batches (after {@link #batch}). */
  public boolean isBatched() {
    return batched;
  }

  /**
   * Shuffles with a buffer of {@code bufferSize} elements, as {@code tf.data} does: each output
   * is drawn at random from the buffer, which refills from upstream. A buffer at least as large
   * as the dataset gives a uniform shuffle. Each pass draws a new order from {@code seed}.
   */
  public Dataset shuffle(int bufferSize, long seed) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("shuffle bufferSize must be >= 1, got " + bufferSize);
    }
    long[] pass = {0};
    return new Dataset(
        () -> {
          SplittableRandom random = new SplittableRandom(seed * 1_000_003L + pass[0]++);
          Iterator<Features> upstream = passes.get();
          List<Features> buffer = new ArrayList<>(Math.min(bufferSize, 1 << 16));
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              fill();
              return !buffer.isEmpty();
            }

            @Override
            public Features next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              int i = random.nextInt(buffer.size());
              Features chosen = buffer.get(i);
              Features last = buffer.remove(buffer.size() - 1);
              if (i < buffer.size()) {
                buffer.set(i, last);
              }
              return chosen;
            }

            private void fill() {
              while (buffer.size() < bufferSize && upstream.hasNext()) {
                buffer.add(upstream.next());
              }
            }
          };
        },
        cardinality,
        batched);
  }

  /** Groups consecutive elements into batches of {@code batchSize}; the last may be smaller. */
  public Dataset batch(int batchSize) {
    return batch(batchSize, false);
  }

  /** Groups consecutive elements into batches, dropping a last partial batch when asked. */
  public Dataset batch(int batchSize, boolean dropRemainder) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    long count =
        dropRemainder ? cardinality / batchSize : (cardinality + batchSize - 1) / batchSize;
    return new Dataset(
        () -> {
          Iterator<Features> upstream = passes.get();
          return new Iterator<>() {
            private Features pending = advance();

            private Features advance() {
              List<Features> rows = new ArrayList<>(batchSize);
              while (rows.size() < batchSize && upstream.hasNext()) {
                rows.add(upstream.next());
              }
              if (rows.isEmpty() || (dropRemainder && rows.size() < batchSize)) {
                return null;
              }
              return Features.concat(rows);
            }

            @Override
            public boolean hasNext() {
              return pending != null;
            }

            @Override
            public Features next() {
              if (pending == null) {
                throw new NoSuchElementException();
              }
              Features out = pending;
              pending = advance();
              return out;
            }
          };
        },
        count,
        true);
  }

  /** Applies {@code fn} to every element. */
  public Dataset map(UnaryOperator<Features> fn) {
    return new Dataset(
        () -> {
          Iterator<Features> upstream = passes.get();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return upstream.hasNext();
            }

            @Override
            public Features next() {
              return fn.apply(upstream.next());
            }
          };
        },
        cardinality,
        batched);
  }

  /** The first {@code n} elements. */
  public Dataset take(long n) {
    return new Dataset(
        () -> {
          Iterator<Features> upstream = passes.get();
          return new Iterator<>() {
            private long taken;

            @Override
            public boolean hasNext() {
              return taken < n && upstream.hasNext();
            }

            @Override
            public Features next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              taken++;
              return upstream.next();
            }
          };
        },
        Math.min(n, cardinality),
        batched);
  }

  /** All elements after the first {@code n}. */
  public Dataset skip(long n) {
    return new Dataset(
        () -> {
          Iterator<Features> upstream = passes.get();
          for (long i = 0; i < n && upstream.hasNext(); i++) {
            upstream.next();
          }
          return upstream;
        },
        Math.max(0, cardinality - n),
        batched);
  }

  /** Starts a new pass over the elements. */
  @Override
  public Iterator<Features> iterator() {
    return passes.get();
  }

  /** Maps an element's float feature {@code key} from [0, 255] pixel values to [0, 1]. */
  public static UnaryOperator<Features> normalize(String key) {
    return f -> {
      float[] in = f.get(key).floats();
      float[] out = new float[in.length];
      for (int i = 0; i < in.length; i++) {
        out[i] = in[i] / 255f;
      }
      return f.with(key, FeatureArray.ofFloats(out, f.get(key).shape()));
    };
  }

  /** Maps a dictionary element to the tuple {@code (features[xKey], features[yKey])}. */
  public static UnaryOperator<Features> toTuple(String xKey, String yKey) {
    return f -> f.toTuple(xKey, yKey);
  }
}
