package org.nsl4j.spark;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/** Kills an executor JVM in the middle of a task, for the retry tests. */
public final class ExecutorKills {

  private ExecutorKills() {}

  /**
   * Passes {@code input} through, but halts the JVM after {@code after} elements when the
   * running task is the first attempt of {@code partition}.
   */
  public static <T> Iterator<T> haltOnFirstAttempt(Iterator<T> input, int partition, int after) {
    TaskContext task = TaskContext.get();
    boolean halt = task.partitionId() == partition && task.attemptNumber() == 0;
    AtomicInteger seen = new AtomicInteger();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return input.hasNext();
      }

      @Override
      public T next() {
        if (halt && seen.incrementAndGet() > after) {
          Runtime.getRuntime().halt(137);
        }
        return input.next();
      }
    };
  }
}
