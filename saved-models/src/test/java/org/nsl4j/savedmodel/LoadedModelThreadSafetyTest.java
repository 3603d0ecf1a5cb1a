package org.nsl4j.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsl4j.keras.data.FeatureArray;
import org.nsl4j.keras.layers.Conv2D;
import org.nsl4j.keras.layers.Dense;
import org.nsl4j.keras.layers.Flatten;
import org.nsl4j.keras.layers.InputLayer;
import org.nsl4j.keras.models.Sequential;

/**
 * What {@link LoadedModel}'s Javadoc promises threads: one model shared by threads gives each
 * call the single-thread result, and {@code close()} waits for the calls in flight (each of
 * them completes with its correct result before close returns); calls after it fail with an
 * {@link IllegalStateException}.
 */
class LoadedModelThreadSafetyTest {

  private static final int THREADS = 4;

  @TempDir Path tmp;

  /** One call's outcome: its times, and its result or failure. */
  private record Call(long start, long end, float[] result, RuntimeException failure) {}

  @Test
  void sharedByThreadsAndClosedWhileInUse() throws Exception {
    Path dir = tmp.resolve("cnn");
    try (Sequential model = new Sequential(new InputLayer("image", 28, 28, 1),
        new Conv2D(32, 3, "relu"), new Flatten(), new Dense(10))) {
      ModelExporter.export(model, dir);
    }
    float[] v = new float[256 * 784];
    Random r = new Random(5);
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat();
    }
    FeatureArray x = FeatureArray.ofFloats(v, 256, 28, 28, 1);
    LoadedModel loaded = LoadedModel.load(dir);
    float[] expected = loaded.predict(x).floats();

    ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    CountDownLatch warm = new CountDownLatch(THREADS);
    AtomicBoolean closed = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> {
        boolean first = true;
        while (true) {
          long start = System.nanoTime();
          try {
            float[] y = loaded.predict(x).floats();
            calls.add(new Call(start, System.nanoTime(), y, null));
          } catch (RuntimeException e) {
            calls.add(new Call(start, System.nanoTime(), null, e));
            return;
          }
          if (first) {
            warm.countDown();
            first = false;
          }
          if (closed.get() && calls.size() > 10_000) {
            return;
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    assertTrue(warm.await(2, TimeUnit.MINUTES), "every thread made a call");
    long closeStart = System.nanoTime();
    loaded.close();
    long closeEnd = System.nanoTime();
    closed.set(true);
    for (Thread t : threads) {
      t.join(TimeUnit.MINUTES.toMillis(1));
    }

    int inFlight = 0;
    int failed = 0;
    for (Call c : calls) {
      if (c.failure() == null) {
        assertArrayEquals(expected, c.result(), 1e-6f, "a shared call gives the single result");
        // A call's times are read around it, so only its start bounds when it entered.
        assertTrue(c.start() < closeEnd, "no call made after close returned succeeds");
        inFlight += c.start() < closeStart && c.end() > closeStart ? 1 : 0;
      } else {
        failed++;
        assertTrue(c.failure() instanceof IllegalStateException, c.failure().toString());
        assertTrue(c.end() >= closeStart, "only calls made once close began fail: " + c);
      }
    }
    assertEquals(THREADS, failed, "every thread's next call after close fails");
    assertTrue(inFlight >= 1, "close began while a call was in flight, and waited for it");
  }
}
