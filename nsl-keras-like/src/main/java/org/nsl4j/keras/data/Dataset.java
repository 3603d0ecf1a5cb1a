package org.nsl4j.keras.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * An in-memory input pipeline of feature dictionaries, shaped like {@code tf.data.Dataset}:
 * {@code fromTensorSlices(...).shuffle(buffer, seed).batch(32).map(...)}. Each iteration is one
 * pass (epoch); {@code shuffle} reshuffles on every pass, reproducibly for a given seed.
 *
 * <p>Before {@link #batch}, an element is one example whose arrays keep a leading dimension of 1;
 * after it, an element is a batch of up to {@code n} examples. Until the first {@link #map},
 * elements are rows of the source table and are only gathered into batches, one copy per batch.
 */
public final class Dataset implements Iterable<Features> {

  private final Supplier<Iterator<Features>> passes;
  private final long cardinality;
  private final boolean batched;
  /** The source rows while elements are still plain rows of it, else null. */
  private final Features table;
  /** The row indices of each pass while {@code table} is set. */
  private final Supplier<PrimitiveIterator.OfInt> rows;

  private Dataset(Supplier<Iterator<Features>> passes, long cardinality, boolean batched) {
    this(passes, cardinality, batched, null, null);
  }

  private Dataset(Supplier<Iterator<Features>> passes, long cardinality, boolean batched,
      Features table, Supplier<PrimitiveIterator.OfInt> rows) {
    this.passes = passes;
    this.cardinality = cardinality;
    this.batched = batched;
    this.table = table;
    this.rows = rows;
  }

  /** Elements that are the rows {@code rows} of {@code table}, one at a time. */
  private static Dataset ofRows(
      Features table, Supplier<PrimitiveIterator.OfInt> rows, long cardinality) {
    Supplier<Iterator<Features>> passes = () -> mapped(
        boxed(rows.get()), i -> table.gather(new int[] {i}));
    return new Dataset(passes, cardinality, false, table, rows);
  }

  /** One element per row of {@code features} (all entries must have the same number of rows). */
  public static Dataset fromTensorSlices(Features features) {
    int n = features.rows();
    return ofRows(features, () -> IntStream.range(0, n).iterator(), n);
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
    Supplier<SplittableRandom> randoms =
        () -> new SplittableRandom(seed * 1_000_003L + pass[0]++);
    if (table != null) {
      Supplier<PrimitiveIterator.OfInt> shuffled = () -> {
        Iterator<Integer> it = new BufferShuffle<>(boxed(rows.get()), bufferSize, randoms.get());
        return unboxed(it);
      };
      return ofRows(table, shuffled, cardinality);
    }
    return new Dataset(() -> new BufferShuffle<>(passes.get(), bufferSize, randoms.get()),
        cardinality, batched);
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
    if (table != null) {
      Features source = table;
      return new Dataset(() -> mapped(groups(boxed(rows.get()), batchSize, dropRemainder),
          group -> source.gather(group.stream().mapToInt(Integer::intValue).toArray())),
          count, true);
    }
    return new Dataset(
        () -> mapped(groups(passes.get(), batchSize, dropRemainder), Features::concat),
        count, true);
  }

  /** Applies {@code fn} to every element. */
  public Dataset map(UnaryOperator<Features> fn) {
    return new Dataset(() -> mapped(passes.get(), fn), cardinality, batched);
  }

  /** The first {@code n} elements. */
  public Dataset take(long n) {
    return new Dataset(() -> {
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
    }, Math.min(n, cardinality), batched);
  }

  /** All elements after the first {@code n}. */
  public Dataset skip(long n) {
    return new Dataset(() -> {
      Iterator<Features> upstream = passes.get();
      for (long i = 0; i < n && upstream.hasNext(); i++) {
        upstream.next();
      }
      return upstream;
    }, Math.max(0, cardinality - n), batched);
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

  private static <A, B> Iterator<B> mapped(Iterator<A> upstream, Function<A, B> fn) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return upstream.hasNext();
      }

      @Override
      public B next() {
        return fn.apply(upstream.next());
      }
    };
  }

  /** Consecutive groups of {@code size} elements (the last may be smaller unless dropped). */
  private static <T> Iterator<List<T>> groups(Iterator<T> upstream, int size, boolean dropLast) {
    return new Iterator<>() {
      private List<T> pending = advance();

      private List<T> advance() {
        List<T> group = new ArrayList<>(Math.min(size, 1 << 10));
        while (group.size() < size && upstream.hasNext()) {
          group.add(upstream.next());
        }
        return group.isEmpty() || (dropLast && group.size() < size) ? null : group;
      }

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public List<T> next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        List<T> out = pending;
        pending = advance();
        return out;
      }
    };
  }

  private static Iterator<Integer> boxed(PrimitiveIterator.OfInt it) {
    return it;
  }

  private static PrimitiveIterator.OfInt unboxed(Iterator<Integer> it) {
    return new PrimitiveIterator.OfInt() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public int nextInt() {
        return it.next();
      }
    };
  }

  /** tf.data's shuffle: draw each output at random from a buffer refilled from upstream. */
  private static final class BufferShuffle<T> implements Iterator<T> {
    private final Iterator<T> upstream;
    private final int bufferSize;
    private final SplittableRandom random;
    private final List<T> buffer;

    BufferShuffle(Iterator<T> upstream, int bufferSize, SplittableRandom random) {
      this.upstream = upstream;
      this.bufferSize = bufferSize;
      this.random = random;
      this.buffer = new ArrayList<>(Math.min(bufferSize, 1 << 16));
    }

    @Override
    public boolean hasNext() {
      while (buffer.size() < bufferSize && upstream.hasNext()) {
        buffer.add(upstream.next());
      }
      return !buffer.isEmpty();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int i = random.nextInt(buffer.size());
      T chosen = buffer.get(i);
      T last = buffer.remove(buffer.size() - 1);
      if (i < buffer.size()) {
        buffer.set(i, last);
      }
      return chosen;
    }
  }
}
